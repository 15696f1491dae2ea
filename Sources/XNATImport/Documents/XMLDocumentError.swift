/// A session or catalog document could not be read.
///
/// Parse failures carry the line XML parsing stopped at; content errors name the element and value at fault.
package struct XMLDocumentError: Error, Equatable, CustomStringConvertible {
    /// What went wrong.
    package enum Kind: Sendable, Equatable {
        /// The bytes are not well-formed XML (or not UTF-8 where declared so); the parser's message.
        case malformed(String)
        /// The document has a document type declaration; XNAT documents never do, and refusing them rules out
        /// external entities (XXE) and entity expansion bombs.
        case documentTypeDeclaration
        /// Elements are nested deeper than any XNAT document needs.
        case tooDeeplyNested(limit: Int)
        /// A prefix is used without an `xmlns:` declaration in scope.
        case undeclaredPrefix(String)
        /// The root element is not a document of the expected kind (namespace URI and local name).
        case unexpectedRoot(namespace: String?, name: String)
        /// An `xsi:type` that Sluice does not know for this element.
        case unsupportedType(element: String, type: String)
        /// A required attribute is missing.
        case missingAttribute(element: String, attribute: String)
        /// A number or other typed value does not parse.
        case invalidValue(element: String, value: String)
    }

    /// What went wrong.
    package var kind: Kind
    /// The 1-based line where parsing stopped, for malformed documents.
    package var line: Int?

    /// Creates the error.
    package init(_ kind: Kind, line: Int? = nil) {
        self.kind = kind
        self.line = line
    }

    /// One line naming the fault.
    package var description: String {
        let location = line.map { " at line \($0)" } ?? ""
        switch kind {
        case .malformed(let message): return "malformed XML\(location): \(message)"
        case .documentTypeDeclaration: return "XML document type declarations are not accepted"
        case .tooDeeplyNested(let limit): return "XML elements nested deeper than \(limit)"
        case .undeclaredPrefix(let prefix): return "XML prefix \(prefix) is not declared\(location)"
        case .unexpectedRoot(let namespace, let name): return "unexpected root element {\(namespace ?? "")}\(name)"
        case .unsupportedType(let element, let type): return "unsupported xsi:type \(type) on \(element)"
        case .missingAttribute(let element, let attribute): return "\(element) has no \(attribute) attribute"
        case .invalidValue(let element, let value): return "invalid value \"\(value)\" in \(element)"
        }
    }
}
