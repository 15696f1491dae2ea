extension FileNameTemplate {
    /// A run of literal text or a `${name}` variable with `name` in `[A-Za-z0-9]+`.
    enum Piece: Equatable {
        case text(String)
        case variable(String)
    }

    /// Splits a template the way commons-text `StringSubstitutor` reads it with XNAT's variable names:
    /// `${Name}` is a variable, `$${` escapes a literal `${`, and a `${…}` whose name has other characters
    /// stays text.
    static func pieces(of template: String) -> [Piece] {
        var pieces: [Piece] = []
        var text = ""
        var rest = Substring(template)
        while !rest.isEmpty {
            if rest.hasPrefix("$${") {
                text += "${"
                rest = rest.dropFirst(3)
            } else if rest.hasPrefix("${"), let close = rest.firstIndex(of: "}"),
                case let name = rest[rest.index(rest.startIndex, offsetBy: 2)..<close],
                !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isVariableCharacter)
            {
                if !text.isEmpty { pieces.append(.text(text)) }
                text = ""
                pieces.append(.variable(String(name)))
                rest = rest[rest.index(after: close)...]
            } else {
                text.append(rest.removeFirst())
            }
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }

    private static func isVariableCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
