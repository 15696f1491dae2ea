/// One element of a document being written, serialised the way XNAT's generated beans write XML.
///
/// Bean rules: the XML declaration, then each element on its own line, indented with tabs; attributes in
/// `java.util.TreeMap` order (UTF-16 code units, so upper case first), then `xsi:type` last; an element with text
/// keeps it on the same line; an element with neither text nor children closes itself; no newline after the root.
struct XNATElement {
    /// The prefixed name, such as `xnat:scan`.
    var name: String
    /// Attributes in any order; the serialiser sorts them.
    var attributes: [(name: String, value: String)] = []
    /// The `xsi:type` value, written after the sorted attributes (beans append it last).
    var schemaType: String?
    /// Character content; `nil` for an element without text.
    var text: String?
    /// Child elements in document order.
    var children: [XNATElement] = []

    /// Adds an attribute when `value` is not `nil`.
    mutating func attribute(_ name: String, _ value: String?) {
        if let value { attributes.append((name, value)) }
    }

    /// Adds a child with text content when `value` is not `nil`.
    mutating func leaf(_ name: String, _ value: String?) {
        if let value { children.append(XNATElement(name: name, text: value)) }
    }

    /// Adds `child` when it has attributes, text or children: beans leave out empty optional elements.
    mutating func child(_ child: XNATElement) {
        if !child.attributes.isEmpty || child.text != nil || !child.children.isEmpty {
            children.append(child)
        }
    }

    /// Adds a wrapper element (`xnat:scans`, `cat:entries`) around `items`, or nothing when `items` is empty.
    mutating func container(_ name: String, _ items: [XNATElement]) {
        if !items.isEmpty { children.append(XNATElement(name: name, children: items)) }
    }

    /// The whole document, this element as the root with XNAT's namespace declarations, UTF-8 declared.
    func document(indentation: XMLIndentation) -> String {
        var root = self
        root.attributes += XNATNamespace.rootDeclarations
        var output = #"<?xml version="1.0" encoding="UTF-8"?>"#
        output += "\n<" + root.name
        root.writeAttributes(into: &output)
        output += ">"
        let childDepth = indentation == .nested ? 1 : 0
        for child in root.children {
            child.write(into: &output, depth: childDepth)
        }
        output += "\n</" + root.name + ">"
        return output
    }

    private func write(into output: inout String, depth: Int) {
        let indent = String(repeating: "\t", count: depth)
        output += "\n" + indent + "<" + name
        writeAttributes(into: &output)
        if !children.isEmpty {
            output += ">"
            for child in children {
                child.write(into: &output, depth: depth + 1)
            }
            output += "\n" + indent + "</" + name + ">"
        } else if let text {
            output += ">" + XMLEscaping.escaped(text, in: .text) + "</" + name + ">"
        } else {
            output += "/>"
        }
    }

    private func writeAttributes(into output: inout String) {
        let sorted = attributes.sorted { $0.name.utf16.lexicographicallyPrecedes($1.name.utf16) }
        for attribute in sorted {
            output += " " + attribute.name + "=\"" + XMLEscaping.escaped(attribute.value, in: .attribute) + "\""
        }
        if let schemaType {
            output += " xsi:type=\"" + XMLEscaping.escaped(schemaType, in: .attribute) + "\""
        }
    }
}
