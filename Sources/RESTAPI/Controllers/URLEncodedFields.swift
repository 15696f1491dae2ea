import Foundation

/// Reads `application/x-www-form-urlencoded` text, a request body or a query string, into its fields.
///
/// `+` is a space and `%XX` a byte, as in the servlet containers XNAT runs in. When a name repeats, the first value
/// wins. Nothing is refused: a malformed escape is kept as written.
enum URLEncodedFields {
    static func parse(_ text: some StringProtocol) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in pairs(text) where fields[name] == nil {
            fields[name] = value
        }
        return fields
    }

    /// Every name and value in order, repeats included (`src=a&src=b`).
    static func pairs(_ text: some StringProtocol) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    private static func decode(_ text: some StringProtocol) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
