/// A replacement string in the syntax of Java's `Matcher.replaceAll`: `$n` and `${name}` insert a group,
/// `\x` inserts `x` literally, and everything else is copied (used by the `r:` part of routing rules, §3.4).
package struct JavaReplacement: Sendable, Equatable {
    /// A group a replacement refers to.
    package enum Reference: Sendable, Equatable {
        /// `$n`: group `n`, 0 being the whole match.
        case number(Int)
        /// `${name}`: the named group.
        case name(String)
    }

    private enum Part: Sendable, Equatable {
        case literal(String)
        case group(Reference)
    }

    /// The replacement as written.
    package let template: String
    private let parts: [Part]

    /// Parses `template` for a pattern with `regex`'s groups. Like Java, a `$` reference takes as many digits
    /// as still name an existing group (`$12` is group 1 then `2` when there are fewer than 12 groups).
    package init(_ template: String, for regex: JavaRegex) throws(RoutingRuleError) {
        self.template = template
        var parts: [Part] = []
        var literal = ""
        var characters = template.unicodeScalars[...]
        while let character = characters.popFirst() {
            switch character {
            case "\\":
                guard let escaped = characters.popFirst() else {
                    throw .invalidReplacement(template, reason: "trailing backslash")
                }
                literal.unicodeScalars.append(escaped)
            case "$":
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.group(try Self.reference(in: &characters, template: template, regex: regex)))
            default:
                literal.unicodeScalars.append(character)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    private static func reference(
        in characters: inout Substring.UnicodeScalarView,
        template: String,
        regex: JavaRegex
    ) throws(RoutingRuleError) -> Reference {
        if characters.first == "{" {
            characters.removeFirst()
            guard let close = characters.firstIndex(of: "}") else {
                throw .invalidReplacement(template, reason: "'${' without a closing '}'")
            }
            let name = String(String.UnicodeScalarView(characters[..<close]))
            characters = characters[characters.index(after: close)...]
            guard !name.isEmpty, regex.hasGroup(named: name) else {
                throw .invalidReplacement(template, reason: "no group named '\(name)'")
            }
            return .name(name)
        }
        guard let digit = characters.first.flatMap(Self.digitValue) else {
            throw .invalidReplacement(template, reason: "'$' must be followed by a group number or {name}")
        }
        guard digit <= regex.captureCount else {
            throw .invalidReplacement(template, reason: "no group \(digit)")
        }
        characters.removeFirst()
        var number = digit
        while let value = characters.first.flatMap(Self.digitValue), number * 10 + value <= regex.captureCount {
            number = number * 10 + value
            characters.removeFirst()
        }
        return .number(number)
    }

    private static func digitValue(_ character: Unicode.Scalar) -> Int? {
        ("0"..."9").contains(character) ? Int(character.value) - 48 : nil
    }

    /// The replacement text, with each group reference filled in by `group`.
    package func expand(_ group: (Reference) -> String) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .literal(let text): result += text
            case .group(let reference): result += group(reference)
            }
        }
        return result
    }
}
