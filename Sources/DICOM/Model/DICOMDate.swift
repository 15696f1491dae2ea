/// A DA value (PS3.5 §6.2): YYYYMMDD. The pre-1993 form YYYY.MM.DD (ACR-NEMA) is read too.
package struct DICOMDate: Sendable, Hashable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int

    package init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    package init?(_ text: String) {
        let digits = text.trimmingCharacters(in: " \0").replacingOccurrences(of: ".", with: "")
        guard digits.utf8.count == 8, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)),
            let day = Int(digits.suffix(2))
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// ISO 8601, `2024-03-01`, the form XNAT writes in session documents.
    package var description: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }
}

/// A TM value (PS3.5 §6.2): HH, HHMM, HHMMSS or HHMMSS.FFFFFF. The ACR-NEMA form HH:MM:SS is read too.
package struct DICOMTime: Sendable, Hashable, CustomStringConvertible {
    package let hour: Int
    package let minute: Int
    package let second: Int
    package let microsecond: Int

    package init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: " \0").replacingOccurrences(of: ":", with: "")
        let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        guard [2, 4, 6].contains(whole.utf8.count), whole.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        hour = Int(whole.prefix(2))!
        minute = whole.count >= 4 ? Int(whole.dropFirst(2).prefix(2))! : 0
        second = whole.count == 6 ? Int(whole.suffix(2))! : 0
        if parts.count == 2 {
            let fraction = parts[1].prefix(6)
            guard fraction.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            microsecond = (Int(fraction) ?? 0) * [1, 100_000, 10_000, 1_000, 100, 10, 1][fraction.count]
        } else {
            microsecond = 0
        }
        guard hour < 24, minute < 60, second < 61 else { return nil }
    }

    /// `14:03:59`, the form XNAT writes in session documents (fraction dropped).
    package var description: String {
        pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
    }
}

func pad(_ number: Int, _ width: Int) -> String {
    let text = String(number)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}
