/// A table in XNAT's listing format, which every `GET` listing answers with (`xnat-clients.md` §1.4).
///
/// Values are strings, as XNAT sends them. ``json()``, ``csv()`` and ``xml()`` render it the way XNAT's
/// `JSONTableRepresentation`, `XFTTable.toCSV` and `XMLTableRepresentation` do; ``response(format:)`` picks one.
package struct ResultSet: Sendable, Equatable {
    /// XNAT's `title` property, for example `Projects`; omitted when `nil`.
    package var title: String?
    /// The column names, in order.
    package var columns: [String]
    /// The rows; each has one value per column (missing values render as empty).
    package var rows: [[String]]

    /// Creates a result set.
    package init(title: String? = nil, columns: [String], rows: [[String]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// The value of row `row` in column `column`, or empty.
    func value(row: Int, column: Int) -> String {
        column < rows[row].count ? rows[row][column] : ""
    }
}
