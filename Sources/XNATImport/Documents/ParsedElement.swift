/// One element of a document that was read, with namespaces resolved.
struct ParsedElement {
    /// The namespace URI the element's prefix (or the default namespace) maps to.
    var namespace: String?
    /// The local name, without prefix.
    var name: String
    /// Unprefixed attributes by name; namespace declarations and other prefixed attributes are left out.
    var attributes: [String: String]
    /// The resolved `xsi:type`: namespace URI and local name.
    var schemaType: (namespace: String?, name: String)?
    /// The character data directly inside this element, concatenated.
    var text: String
    /// Child elements in document order.
    var children: [ParsedElement]

    /// The children in `namespace` called `name`.
    func children(_ name: String, in namespace: String) -> [ParsedElement] {
        children.filter { $0.name == name && $0.namespace == namespace }
    }

    /// The first child in `namespace` called `name`.
    func child(_ name: String, in namespace: String) -> ParsedElement? {
        children.first { $0.name == name && $0.namespace == namespace }
    }

    /// The text of the first child called `name`, or `nil` when there is no such child.
    func text(of name: String, in namespace: String) -> String? {
        child(name, in: namespace)?.text
    }

    /// The `xsi:type` as `prefix:name` when its namespace is `namespace`, else as `{namespace}name`.
    func schemaTypeName(prefix: String, namespace: String) -> String? {
        guard let schemaType else { return nil }
        if schemaType.namespace == namespace {
            return prefix + ":" + schemaType.name
        }
        return "{\(schemaType.namespace ?? "")}" + schemaType.name
    }

    /// The attribute `attribute` parsed as an `Int`; `nil` when absent, an error when not a number.
    func integer(_ attribute: String) throws(XMLDocumentError) -> Int? {
        try integer(attribute, as: Int.self)
    }

    /// The attribute `attribute` parsed as an integer; `nil` when absent, an error when not a number.
    func integer<Value: FixedWidthInteger>(_ attribute: String, as type: Value.Type) throws(XMLDocumentError) -> Value?
    {
        guard let value = attributes[attribute] else { return nil }
        return try Self.integer(value, as: type, element: "\(name)/@\(attribute)")
    }

    /// `value` parsed as an integer, surrounding whitespace allowed (xs:integer's whitespace facet is collapse).
    static func integer<Value: FixedWidthInteger>(
        _ value: String,
        as type: Value.Type,
        element: String
    ) throws(XMLDocumentError) -> Value {
        let trimmed = value.trimmingXMLWhitespace()
        let unsigned = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
        guard let number = Value(unsigned) else {
            throw XMLDocumentError(.invalidValue(element: element, value: value))
        }
        return number
    }
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, line feed, carriage return).
    func trimmingXMLWhitespace() -> String {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isWhitespace($0) }), let last = lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
