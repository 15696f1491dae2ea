import Foundation
import XNATImport

/// libFuzzer entry point: one input is one XML file of a XAR or a session folder, read as `XARImporter` reads a XAR's
/// top-level documents (a session document, else a scan document) and as the archive reads catalogs.
///
/// Checks beyond "does not crash": a document that reads is rendered by Sluice's writer and reads back; the writer may
/// normalise once (an empty `cat:dimensions` is not written), after which writing and reading change nothing (session,
/// scan inside a session, catalog).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzSessionXML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    SessionXMLFuzzing.check(data)
    return 0
}

enum SessionXMLFuzzing {
    static func check(_ data: Data) {
        do {
            checkRewrite(try SessionDocument(xml: data), "session document") { try SessionDocument(xml: $0.xmlData()) }
        } catch {
            if case .unexpectedRoot = error.kind, let scan = try? SessionDocument.Scan(standaloneXML: data) {
                var session = SessionDocument(dataType: .otherDICOM)
                session.scans = [scan]
                checkRewrite(session, "scan document") { try SessionDocument(xml: $0.xmlData()) }
            }
        }
        if let catalog = try? CatalogDocument(xml: data) {
            checkRewrite(catalog, "catalog") { try CatalogDocument(xml: $0.xmlData()) }
        }
    }

    /// `document` written and read back reads; written and read once more, it is unchanged.
    static func checkRewrite<Document: Equatable>(
        _ document: Document,
        _ name: String,
        _ rewrite: (Document) throws -> Document
    ) {
        guard let once = try? rewrite(document) else { fatalError("the \(name) does not read back after writing") }
        guard once != document else { return }
        require((try? rewrite(once)) == once, "the \(name) keeps changing when written and read again")
    }
}

/// `precondition` that also reports its message in optimised builds (libFuzzer runs release builds).
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "") {
    if !condition() { fatalError(message()) }
}
