/// Formats ECAT times (seconds since 1970-01-01 00:00:00 UTC) without Foundation.
package enum ECATTime {
    /// `YYYY-MM-DDTHH:MM:SSZ` in the proleptic Gregorian calendar, e.g. `0` gives
    /// `1970-01-01T00:00:00Z` and `-1` gives `1969-12-31T23:59:59Z`.
    package static func utcString(unixSeconds: Int64) -> String {
        let (days, secondOfDay) = floorDivide(unixSeconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let yearText = year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
        return yearText + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":"
            + pad(secondOfDay % 60, 2) + "Z"
    }

    /// Year, month (1-12) and day (1-31) of a day count from 1970-01-01, by the days-from-civil
    /// inverse over 400-year eras of 146097 days (eras start on 1 March).
    static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = daysSinceEpoch + 719_468  // days from 0000-03-01
        let (era, dayOfEra) = floorDivide(shifted, 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153  // 0 = March
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
