import Foundation
import Testing
import XNATImport

/// Inputs found by the libFuzzer targets (`Fuzz/README.md`), each kept once its bug was fixed.
@Suite struct FuzzRegressionTests {
    /// FuzzSessionXML: a catalog whose element name held the byte 0xC6 (not UTF-8) made FoundationXML trap inside
    /// its start-element callback, so one uploaded XAR or catalog could take the server down. Documents that are not
    /// UTF-8 are now refused before parsing.
    @Test(arguments: [
        Array("<r><a".utf8) + [0xC6] + Array("/></r>".utf8),
        Array("<cat:Catalog xmlns:cat=\"http://nrg.wustl.edu/catalog\"><cat:dimens".utf8) + [0xC6]
            + Array("ons x=\"2\"/></cat:Catalog>".utf8),
    ])
    func documentThatIsNotUTF8IsRefusedNotACrash(bytes: [UInt8]) {
        #expect(throws: XMLDocumentError.self) { try CatalogDocument(xml: Data(bytes)) }
        #expect(throws: XMLDocumentError.self) { try SessionDocument(xml: Data(bytes)) }
        #expect(throws: XMLDocumentError.self) { try SessionDocument.Scan(standaloneXML: Data(bytes)) }
    }

    /// FuzzSessionXML: a processing instruction without data (`<?xm?>` in a mangled XML declaration) made
    /// FoundationXML call `strlen(NULL)` (SIGSEGV), another way to take the server down with one document. Processing
    /// instructions other than the XML declaration are now refused before parsing.
    @Test(arguments: [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"<?xm?>\n<cat:Catalog xmlns:cat=\"http://nrg.wustl.edu/catalog\"/>",
        "<r><?a?></r>",
        "<?a?><r/>",
        "\u{FEFF}<?xml version=\"1.0\"?><r><?target data?></r>",
    ])
    func processingInstructionIsRefusedNotACrash(text: String) {
        #expect(throws: XMLDocumentError.self) { try CatalogDocument(xml: Data(text.utf8)) }
        #expect(throws: XMLDocumentError.self) { try SessionDocument(xml: Data(text.utf8)) }
    }

    /// The XML declaration itself, with or without a byte order mark, is still read.
    @Test func xmlDeclarationIsStillAccepted() throws {
        let catalog = #"<cat:Catalog xmlns:cat="http://nrg.wustl.edu/catalog" ID="C"/>"#
        for prefix in ["", #"<?xml version="1.0" encoding="UTF-8"?>"#, "\u{FEFF}<?xml version=\"1.0\"?>\n"] {
            #expect(try CatalogDocument(xml: Data((prefix + catalog).utf8)).id == "C")
        }
    }

    /// FuzzDestination: `ResourcePath` split on the Character `/`, and `/` followed by a combining mark (U+034C) is one
    /// Character, so `../\u{34C}x` passed as one name, and the file system then went one level up out of the resource
    /// folder. Paths are now split on the byte `/`.
    @Test(arguments: ["../\u{34C}x.dcm", "a/../../\u{34C}x.dcm", "../\u{34C}"])
    func slashBeforeACombiningMarkStillSeparatesNames(text: String) {
        #expect(throws: ImportError.self) { try ResourcePath(text) }
    }

    @Test func resourcePathIsSplitOnTheByte() throws {
        #expect(try ResourcePath("a/\u{34C}b/./c").components == ["a", "\u{34C}b", "c"])
    }
}
