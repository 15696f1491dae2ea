import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an XML document into a ``ParsedElement`` tree with FoundationXML's SAX `XMLParser`.
///
/// Safety (XNAT documents never need a DTD): a document containing `<!DOCTYPE` is refused before parsing, so there
/// are no entity declarations to expand or fetch; the parser also runs with `shouldResolveExternalEntities = false`,
/// and any DTD declaration it still reports aborts the parse. Input must be UTF-8: a NUL byte (as in UTF-16) is
/// refused, which keeps the `<!DOCTYPE` check sound, and so is any byte sequence that is not UTF-8. Namespace
/// prefixes are resolved here rather than by the parser, so `xsi:type` values resolve the same way on every platform.
enum XMLDocumentReader {
    /// The deepest element nesting accepted; XNAT session documents need about eight levels.
    static let maximumDepth = 64

    /// The root element of `data`.
    static func read(_ data: Data) throws(XMLDocumentError) -> ParsedElement {
        if data.contains(0) {
            throw XMLDocumentError(.malformed("NUL byte: only UTF-8 documents are accepted"))
        }
        // FoundationXML traps on a name that is not UTF-8 (`<r><a\u{C6}/></r>`), which would take the server down.
        if String(validating: data, as: UTF8.self) == nil {
            throw XMLDocumentError(.malformed("not UTF-8: only UTF-8 documents are accepted"))
        }
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw XMLDocumentError(.documentTypeDeclaration)
        }
        if hasProcessingInstruction(data) {
            throw XMLDocumentError(.malformed("processing instruction: only the XML declaration is accepted"))
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder()
        parser.delegate = builder
        let finished = parser.parse()
        if let error = builder.error {
            throw error
        }
        guard finished, parser.parserError == nil, builder.open.isEmpty, let root = builder.root else {
            let message = parser.parserError.map { "\($0.localizedDescription)" } ?? "incomplete document"
            throw XMLDocumentError(.malformed(message), line: parser.lineNumber)
        }
        return root
    }

    /// Whether `data` holds `<?` anywhere but at the start of an XML declaration (`<?xml` and a space, after an
    /// optional byte order mark). XNAT documents have no processing instructions, and FoundationXML dereferences NULL
    /// on one without data (`<?a?>`), which would take the server down. A `<?` inside a comment or CDATA section is
    /// refused too.
    static func hasProcessingInstruction(_ data: Data) -> Bool {
        var start = data.startIndex
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        let declaration = Array("<?xml".utf8)
        if data[start...].starts(with: declaration), data.endIndex > start + declaration.count,
            [0x20, 0x09, 0x0A, 0x0D].contains(data[start + declaration.count])
        {
            start += 2
        }
        return data.range(of: Data("<?".utf8), in: start..<data.endIndex) != nil
    }
}

/// Builds the element tree from parser events; one instance per parse, used on the parsing thread only.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    private static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    var root: ParsedElement?
    var open: [ParsedElement] = []
    var error: XMLDocumentError?
    private var scopes: [[String: String]] = []

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard open.count < XMLDocumentReader.maximumDepth else {
            return fail(parser, .tooDeeplyNested(limit: XMLDocumentReader.maximumDepth))
        }
        var declarations: [String: String] = [:]
        var plain: [String: String] = [:]
        var prefixed: [(prefix: String, name: String, value: String)] = []
        for (key, value) in attributeDict {
            if key == "xmlns" {
                declarations[""] = value
            } else if key.hasPrefix("xmlns:") {
                declarations[String(key.dropFirst(6))] = value
            } else if let (prefix, name) = Self.split(key) {
                prefixed.append((prefix, name, value))
            } else {
                plain[key] = value
            }
        }
        scopes.append(declarations)
        do throws(XMLDocumentError) {
            let (prefix, name) = Self.split(elementName) ?? ("", elementName)
            var element = ParsedElement(
                namespace: try resolve(prefix),
                name: name,
                attributes: plain,
                schemaType: nil,
                text: "",
                children: []
            )
            for attribute in prefixed where attribute.name == "type" {
                guard try resolve(attribute.prefix) == XNATNamespace.schemaInstance else { continue }
                let (typePrefix, typeName) = Self.split(attribute.value) ?? ("", attribute.value)
                element.schemaType = (try resolve(typePrefix), typeName)
            }
            open.append(element)
        } catch {
            fail(parser, error.kind, line: parser.lineNumber)
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = open.popLast() else { return }
        scopes.removeLast()
        if open.isEmpty {
            root = element
        } else {
            open[open.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        fail(parser, .documentTypeDeclaration)
        return nil
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(parser, .documentTypeDeclaration)
    }

    func parser(
        _ parser: XMLParser,
        foundExternalEntityDeclarationWithName name: String,
        publicID: String?,
        systemID: String?
    ) {
        fail(parser, .documentTypeDeclaration)
    }

    func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) {
        fail(parser, .documentTypeDeclaration)
    }

    private func fail(_ parser: XMLParser, _ kind: XMLDocumentError.Kind, line: Int? = nil) {
        if error == nil {
            error = XMLDocumentError(kind, line: line)
        }
        parser.abortParsing()
    }

    private func resolve(_ prefix: String) throws(XMLDocumentError) -> String? {
        if prefix == "xml" { return Self.xmlNamespace }
        for scope in scopes.reversed() {
            if let namespace = scope[prefix] {
                return namespace.isEmpty ? nil : namespace
            }
        }
        if prefix.isEmpty { return nil }
        throw XMLDocumentError(.undeclaredPrefix(prefix))
    }

    /// `prefix:name` split at the first colon; `nil` for an unprefixed name.
    private static func split(_ qualifiedName: String) -> (prefix: String, name: String)? {
        guard let colon = qualifiedName.firstIndex(of: ":") else { return nil }
        return (String(qualifiedName[..<colon]), String(qualifiedName[qualifiedName.index(after: colon)...]))
    }
}
