import Foundation

/// How XNAT writes times in listings (`lastmod`, `uploaded`, `insert_date`): `yyyy-MM-dd HH:mm:ss.SSS`; xnatpy
/// parses `lastmod` (`xnat-clients.md` §1.4).
enum XNATDateText {
    /// `date` as `yyyy-MM-dd HH:mm:ss.SSS` in `timeZone`.
    static func timestamp(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        func digits(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return digits(parts.year, 4) + "-" + digits(parts.month, 2) + "-" + digits(parts.day, 2) + " "
            + digits(parts.hour, 2) + ":" + digits(parts.minute, 2) + ":" + digits(parts.second, 2) + "."
            + digits((parts.nanosecond ?? 0) / 1_000_000, 3)
    }
}
