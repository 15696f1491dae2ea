/// A regular expression with the defaults of Java's `java.util.regex.Pattern`, the engine XNAT's routing rules
/// and contained assignments were written for (`xnat-import-spec.md` §3.2, §3.4): `\w`, `\d` and `\s` are
/// ASCII only, `.` stops at line ends, and text is matched by Unicode scalar (Java matches by code point).
///
/// `Regex<AnyRegexOutput>` is not `Sendable` only because its output type can hold `Any`; the compiled program
/// itself is immutable and shared safely (`Regex<Substring>` is `Sendable`). Outputs never leave the methods
/// below, so sharing a `JavaRegex` between tasks is safe.
package struct JavaRegex: @unchecked Sendable {
    /// The pattern as written.
    package let pattern: String
    /// The number of capturing groups, not counting group 0.
    package let captureCount: Int
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern`; throws when the Swift engine rejects it.
    package init(_ pattern: String, ignoringCase: Bool = false) throws {
        self.pattern = pattern
        regex = try Self.compile(pattern, ignoringCase: ignoringCase)
        // `(?:P)|` matches the empty string through its empty branch, and its output has one slot per group of P.
        let counting = try Self.compile("(?:" + pattern + ")|", ignoringCase: false)
        captureCount = try counting.wholeMatch(in: "").map { $0.output.count - 1 } ?? 0
    }

    private static func compile(_ pattern: String, ignoringCase: Bool) throws -> Regex<AnyRegexOutput> {
        try Regex(pattern)
            .ignoresCase(ignoringCase)
            .asciiOnlyCharacterClasses()
            .matchingSemantics(RegexSemanticLevel.unicodeScalar)
    }

    /// Whether the pattern names a capturing group `name`.
    package func hasGroup(named name: String) -> Bool {
        regex.contains(captureNamed: name)
    }

    /// The groups of a match of the whole of `text` (Java `Matcher.matches()`), group 0 first; `nil` when the
    /// text does not match. A group that took no part in the match is `nil`.
    package func wholeMatch(_ text: String) -> [String?]? {
        guard let match = try? regex.wholeMatch(in: text) else { return nil }
        return match.output.map { $0.substring.map(String.init) }
    }

    /// `text` with every match replaced as Java's `String.replaceAll(pattern, replacement)` does.
    package func replacingMatches(in text: String, with replacement: JavaReplacement) -> String {
        text.replacing(regex) { match in
            replacement.expand { reference in
                switch reference {
                case .number(let number): match.output[number].substring.map(String.init) ?? ""
                case .name(let name): match.output[name]?.substring.map(String.init) ?? ""
                }
            }
        }
    }
}
