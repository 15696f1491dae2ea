import Foundation

extension ResultSet {
    /// A header row of column names, then one line per row; `,` between values and `\n` after every line.
    ///
    /// A value is quoted (`"` doubled inside) only when it holds `,`, `"`, CR or LF, like Apache Commons
    /// `escapeCsv` in XNAT. The header row is there even with no rows: pyxnat fails on an empty body.
    package func csv() -> String {
        var text = columns.map(Self.csvField).joined(separator: ",") + "\n"
        for row in rows.indices {
            text += columns.indices.map { Self.csvField(value(row: row, column: $0)) }.joined(separator: ",") + "\n"
        }
        return text
    }

    private static func csvField(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
        guard needsQuotes else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
