import DICOM

/// One custom routing rule (`xnat-import-spec.md` §3.4): `(gggg,eeee):<regex>[:<group>][ t:<target> r:<replacement>]`.
///
/// The rule reads the element's value, truncated to 64 characters, and yields capture group `group` (default 1)
/// when `<regex>` matches the whole value; with `t:`/`r:` every match of `<target>` in that result is then
/// replaced by `<replacement>` (Java replacement syntax). Examples from rest-tests `TestDicomRouting`:
/// `(0008,0050):^[0-9]{4}(.*)` (accession number minus its first 4 digits), `(0010,0010):.*_([\w]+)`,
/// `(0008,0050):^[0-9]{4}(.*):1 t:9 r:X`.
///
/// Choices where XNAT is inconsistent or fails late (spec §14 spirit):
/// - XNAT truncates to 64 characters only for rules without `t:`/`r:`; we truncate for every rule, so adding a
///   replacement never changes which values match.
/// - XNAT accepts a group number its regex does not have and then fails on every matching object; we reject
///   such a rule when it is parsed (`RoutingRuleError.groupOutOfRange`).
/// - An empty result counts as no value, so the next rule or default applies.
package struct RoutingRule: Sendable, CustomStringConvertible {
    /// Values longer than this are cut before matching (`MatchedPatternExtractorWithLengthLimit`).
    package static let maximumValueLength = 64

    /// The element whose value the rule reads.
    package let tag: Tag
    /// The expression the whole (truncated) value must match.
    package let expression: JavaRegex
    /// The capture group whose text is the result; 0 is the whole match.
    package let group: Int
    /// The optional `t:` target and `r:` replacement applied to the result.
    package let replacement: (target: JavaRegex, with: JavaReplacement)?
    /// The rule as written (trimmed).
    package let description: String

    /// The rule syntax itself, as XNAT's `ExtractorFromRuleProvider` writes it; the lazy `(.+?)` makes the
    /// shortest regex win, so a trailing `:<digits>` is always read as the group number.
    private static let syntax = try! JavaRegex(
        #"\(([0-9A-Fa-f]{4}),([0-9A-Fa-f]{4})\):(.+?)(?::(\d+))?(?: t:(.*) r:(.*))?"#
    )

    /// Parses one rule; surrounding whitespace is ignored.
    package init(_ line: String) throws(RoutingRuleError) {
        let text = line.trimmingASCIIWhitespace()
        guard let groups = Self.syntax.wholeMatch(text), let groupText = groups[1], let elementText = groups[2],
            let group = UInt16(groupText, radix: 16), let element = UInt16(elementText, radix: 16),
            let pattern = groups[3]
        else { throw .syntax(text) }
        tag = Tag(group: group, element: element)
        expression = try Self.compile(pattern)
        if let number = groups[4] {
            guard let value = Int(number) else { throw .syntax(text) }
            self.group = value
        } else {
            self.group = 1
        }
        guard self.group <= expression.captureCount else {
            throw .groupOutOfRange(group: self.group, captureCount: expression.captureCount, expression: pattern)
        }
        if let targetPattern = groups[5], let replacementText = groups[6] {
            let target = try Self.compile(targetPattern)
            replacement = (target, try JavaReplacement(replacementText, for: target))
        } else {
            replacement = nil
        }
        description = text
    }

    private static func compile(_ pattern: String) throws(RoutingRuleError) -> JavaRegex {
        do {
            return try JavaRegex(pattern)
        } catch {
            throw .invalidExpression(pattern)
        }
    }

    /// The rule's result for `dataSet`, or `nil` when the element is absent or empty, the value does not match,
    /// the group took no part in the match, or the result is empty.
    package func evaluate(_ dataSet: DataSet) -> String? {
        guard let value = dataSet.elementText(tag) else { return nil }
        return evaluate(value)
    }

    /// The rule's result for an element value.
    package func evaluate(_ value: String) -> String? {
        guard let groups = expression.wholeMatch(Self.truncated(value)), var result = groups[group] else { return nil }
        if let (target, replacementText) = replacement {
            result = target.replacingMatches(in: result, with: replacementText)
        }
        return result.isEmpty ? nil : result
    }

    /// `value` cut to 64 UTF-16 code units (Java `String.substring`), never inside a surrogate pair.
    private static func truncated(_ value: String) -> String {
        guard value.utf16.count > maximumValueLength else { return value }
        var length = 0
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            length += UTF16.width(scalar)
            guard length <= maximumValueLength else { break }
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
