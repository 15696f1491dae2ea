import XNATImport

extension ResultSet {
    /// XNAT's XML table: `<ResultSet totalRecords="N"><results title="…"><columns><column>…</column>…</columns>`
    /// then `<rows><row><cell>…</cell>…</row>…</rows></results></ResultSet>`, with a line break after `</columns>`
    /// and after each `</row>`, as `XFTTable.toXMLList` writes it, after an XML declaration (which XNAT leaves out).
    /// Values are escaped for XML.
    package func xml() -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<ResultSet totalRecords=\"\(rows.count)\"><results"
        if let title {
            text += " title=\"\(XMLEscaping.escaped(title, in: .attribute))\""
        }
        text += "><columns>"
        for column in columns {
            text += "<column>\(XMLEscaping.escaped(column, in: .text))</column>"
        }
        text += "</columns>\n<rows>"
        for row in rows.indices {
            text += "<row>"
            for column in columns.indices {
                text += "<cell>\(XMLEscaping.escaped(value(row: row, column: column), in: .text))</cell>"
            }
            text += "</row>\n"
        }
        return text + "</rows></results></ResultSet>"
    }
}
