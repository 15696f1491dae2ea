extension ResultSet {
    /// `{"ResultSet":{"Result":[{column: value, …}, …],"totalRecords":"N","title":"…"}}`.
    ///
    /// `totalRecords` is a string, as in XNAT; object members keep the column order.
    package func json() -> String {
        var text = #"{"ResultSet":{"Result":["#
        for row in rows.indices {
            if row > 0 {
                text += ","
            }
            text += "{"
            for column in columns.indices {
                if column > 0 {
                    text += ","
                }
                text += JSONText.quoted(columns[column]) + ":" + JSONText.quoted(value(row: row, column: column))
            }
            text += "}"
        }
        text += #"],"totalRecords":"# + JSONText.quoted(String(rows.count))
        if let title {
            text += #","title":"# + JSONText.quoted(title)
        }
        return text + "}}"
    }
}
