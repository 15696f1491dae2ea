import Foundation
import Testing
import XNATImport

/// Hostile values and hostile documents: XML injection through labels, control characters, XXE and entity bombs.
@Suite struct DocumentSafetyTests {
    static let hostileValues = [
        #"</xnat:label><xnat:project>EVIL</xnat:project>"#,
        #"a & b < c > d "quoted" 'single'"#,
        "line one\nline two\ttabbed\r\ncarriage",
        "  leading and trailing spaces  ",
        "]]> <![CDATA[ x ]]>",
        "&amp; already escaped &lt;",
        "unicode: Zoë 東京 🧠 \u{85} next line",
    ]

    @Test(arguments: hostileValues)
    func hostileValuesRoundTripUnchanged(value: String) throws {
        var session = SessionDocument(dataType: .mr, project: value, label: value, subjectID: value, uid: value)
        session.note = value
        session.fields = [SessionDocument.Field(name: value, value: value)]
        var scan = SessionDocument.Scan(id: value, dataType: .mr, uid: value, seriesDescription: value)
        scan.resources = [SessionDocument.Resource(label: value, uri: value, format: value)]
        session.scans = [scan]
        let xml = session.xml()
        #expect(!xml.contains("<xnat:project>"))
        #expect(try SessionDocument(xml: xml) == session)

        var catalog = CatalogDocument(uid: value, entries: [CatalogDocument.Entry(uri: value, uid: value)])
        catalog.metaFields = [CatalogDocument.MetaField(name: value, value: value)]
        #expect(try CatalogDocument(xml: catalog.xml()) == catalog)
    }

    @Test func specialCharactersAreEscapedAsXNATEscapesThem() {
        var session = SessionDocument(dataType: .mr, label: #"<&>"'"#)
        session.note = "tab\there\r"
        let xml = session.xml()
        #expect(xml.contains(#"label="&lt;&amp;&gt;&quot;&apos;""#))
        #expect(xml.contains("<xnat:note>tab\there&#13;</xnat:note>"))
        session.label = "new\nline\ttab"
        #expect(session.xml().contains(#"label="new&#10;line&#9;tab""#))
    }

    @Test func controlCharactersXMLCannotCarryAreDroppedAndNULBecomesASpace() throws {
        var session = SessionDocument(dataType: .mr, label: "a\u{0}b\u{1}c\u{7}d\u{1B}e\u{FFFF}f")
        session.note = "bell\u{7}\u{7F}del\u{9F}"
        let xml = session.xml()
        #expect(xml.contains(#"label="a bcdef""#))
        #expect(xml.contains("<xnat:note>bell&#127;del&#159;</xnat:note>"))
        let read = try SessionDocument(xml: xml)
        #expect(read.label == "a bcdef")
        #expect(read.note == "bell\u{7F}del\u{9F}")
    }

    @Test func externalEntitiesAreRefusedAndNeverRead() {
        let payloads = [
            """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\
            <xnat:MRSession xmlns:xnat="http://nrg.wustl.edu/xnat" label="&xxe;"><xnat:note>&xxe;</xnat:note>\
            </xnat:MRSession>
            """,
            """
            <!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd"><xnat:MRSession xmlns:xnat="http://nrg.wustl.edu/xnat"/>
            """,
            """
            <!DOCTYPE x [<!ENTITY % remote SYSTEM "file:///etc/hostname"> %remote;]>\
            <xnat:MRSession xmlns:xnat="http://nrg.wustl.edu/xnat"/>
            """,
        ]
        for payload in payloads {
            #expect(throws: XMLDocumentError(.documentTypeDeclaration)) { try SessionDocument(xml: payload) }
            #expect(throws: XMLDocumentError(.documentTypeDeclaration)) { try CatalogDocument(xml: payload) }
        }
    }

    @Test func entityExpansionBombsAreRefused() {
        var declarations = #"<!ENTITY l0 "lol">"#
        for level in 1...9 {
            declarations += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
        }
        let bomb =
            "<!DOCTYPE x [\(declarations)]><cat:Catalog xmlns:cat=\"http://nrg.wustl.edu/catalog\" "
            + "name=\"&l9;\"/>"
        #expect(throws: XMLDocumentError(.documentTypeDeclaration)) { try CatalogDocument(xml: bomb) }
    }

    @Test func otherEncodingsThatCouldHideADeclarationAreRefused() throws {
        let xml = #"<cat:Catalog xmlns:cat="http://nrg.wustl.edu/catalog"/>"#
        let utf16 = try #require(xml.data(using: .utf16))
        let error = #expect(throws: XMLDocumentError.self) { try CatalogDocument(xml: utf16) }
        guard case .malformed? = error?.kind else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(try CatalogDocument(xml: Data(xml.utf8)) == CatalogDocument(kind: .plain))
    }

    @Test func undeclaredPrefixesAndDeepNestingAreRefused() {
        #expect(throws: XMLDocumentError(.undeclaredPrefix("xnat"), line: 1)) {
            try SessionDocument(xml: "<xnat:MRSession/>")
        }
        let deep =
            "<xnat:MRSession xmlns:xnat=\"http://nrg.wustl.edu/xnat\">" + String(repeating: "<a>", count: 100)
            + String(repeating: "</a>", count: 100) + "</xnat:MRSession>"
        #expect(throws: XMLDocumentError(.tooDeeplyNested(limit: 64))) { try SessionDocument(xml: deep) }
    }
}
