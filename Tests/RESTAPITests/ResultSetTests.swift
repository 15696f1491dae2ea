import Foundation
import RESTAPI
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct ResultSetTests {
    private let resultSet = ResultSet(
        title: "Things",
        columns: ["ID", "note"],
        rows: [["A1", #"say "hi", then <leave> & go"#], ["B2", "line\nbreak"], ["C3"]]
    )

    @Test func jsonKeepsColumnOrderAndEscapes() throws {
        let json = resultSet.json()
        #expect(json.hasPrefix(#"{"ResultSet":{"Result":[{"ID":"A1","note":"say \"hi\", then <leave> & go"},"#))
        #expect(json.hasSuffix(#"{"ID":"C3","note":""}],"totalRecords":"3","title":"Things"}}"#))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [String: Any]]
        let rows = object?["ResultSet"]?["Result"] as? [[String: String]]
        #expect(rows?[1]["note"] == "line\nbreak")
    }

    @Test func jsonEscapesControlCharacters() {
        let json = ResultSet(columns: ["x"], rows: [["\u{01}\t"]]).json()
        #expect(json == #"{"ResultSet":{"Result":[{"x":"\u0001\t"}],"totalRecords":"1"}}"#)
    }

    @Test func csvQuotesOnlyWhenNeeded() {
        #expect(
            resultSet.csv() == """
                ID,note
                A1,"say ""hi"", then <leave> & go"
                B2,"line
                break"
                C3,

                """
        )
    }

    @Test func csvWithoutRowsIsTheHeaderLine() {
        #expect(ResultSet(columns: ["ID", "name"]).csv() == "ID,name\n")
    }

    @Test func xmlIsWellFormedAndEscaped() throws {
        let xml = resultSet.xml()
        #expect(xml.contains(#"<ResultSet totalRecords="3"><results title="Things"><columns><column>ID</column>"#))
        #expect(xml.contains("<cell>say &quot;hi&quot;, then &lt;leave&gt; &amp; go</cell>"))
        #expect(xml.hasSuffix("</rows></results></ResultSet>"))
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse())
    }
}
