import Foundation

/// The name of a prearchive timestamp folder: when the upload began, `yyyyMMdd_HHmmssSSS` (`xnat-import-spec.md`
/// §4.1).
///
/// New timestamps carry milliseconds (18 characters, US digits, the server's time zone). The legacy form without
/// them, `yyyyMMdd_HHmmss` as in `20000101_100001`, is equally valid and clients send it in `dest`. Only the shape
/// is checked, as XNAT does (`\d{8}_\d{6}`); ``date(in:)`` says whether it is also a real date.
package struct PrearchiveTimestamp: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The folder name.
    package let rawValue: String

    /// Accepts `yyyyMMdd_HHmmssSSS` and the legacy `yyyyMMdd_HHmmss` (ASCII digits only).
    package init?(rawValue: String) {
        let bytes = Array(rawValue.utf8)
        guard bytes.count == 15 || bytes.count == 18, bytes[8] == UInt8(ascii: "_") else { return nil }
        for (offset, byte) in bytes.enumerated() where offset != 8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        }
        self.rawValue = rawValue
    }

    /// The timestamp of `date` in `timeZone`, to the millisecond (truncated); years outside 0–9999 are clamped.
    package init(date: Date, timeZone: TimeZone) {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        let wholeSeconds = (milliseconds / 1000).rounded(.down)
        let fraction = Int(milliseconds - wholeSeconds * 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents(
            [.era, .year, .month, .day, .hour, .minute, .second],
            from: Date(timeIntervalSince1970: wholeSeconds)
        )
        let year = parts.era == 0 ? 0 : min(max(parts.year ?? 0, 0), 9999)
        func digits(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        rawValue =
            digits(year, 4) + digits(parts.month, 2) + digits(parts.day, 2) + "_" + digits(parts.hour, 2)
            + digits(parts.minute, 2) + digits(parts.second, 2) + digits(fraction, 3)
    }

    /// Whether this is the legacy form without milliseconds.
    package var isLegacy: Bool { rawValue.utf8.count == 15 }

    /// The moment this timestamp names in `timeZone` (the `uploaded` column, §4.2), or `nil` when the digits are
    /// not a real date and time.
    package func date(in timeZone: TimeZone) -> Date? {
        let bytes = Array(rawValue.utf8)
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = DateComponents(
            year: number(0..<4),
            month: number(4..<6),
            day: number(6..<8),
            hour: number(9..<11),
            minute: number(11..<13),
            second: number(13..<15)
        )
        guard parts.isValidDate(in: calendar), let date = calendar.date(from: parts) else { return nil }
        let milliseconds = isLegacy ? 0 : number(15..<18)
        return date.addingTimeInterval(Double(milliseconds) / 1000)
    }

    /// Orders timestamps by time; a legacy timestamp sorts just before the same second with `000` milliseconds.
    package static func < (lhs: PrearchiveTimestamp, rhs: PrearchiveTimestamp) -> Bool {
        (lhs.padded, lhs.isLegacy ? 0 : 1) < (rhs.padded, rhs.isLegacy ? 0 : 1)
    }

    /// The folder name.
    package var description: String { rawValue }

    private var padded: String { isLegacy ? rawValue + "000" : rawValue }
}
