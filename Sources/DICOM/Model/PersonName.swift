/// A person name value (PN, PS3.5 §6.2.1): up to three component groups (alphabetic, ideographic,
/// phonetic) separated by "=", each of five components (family, given, middle, prefix, suffix) separated
/// by "^".
package struct PersonName: Sendable, Hashable, CustomStringConvertible {
    package let alphabetic: String
    package let ideographic: String
    package let phonetic: String

    package init(_ text: String) {
        let groups = text.split(separator: "=", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        alphabetic = groups.count > 0 ? groups[0] : ""
        ideographic = groups.count > 1 ? groups[1] : ""
        phonetic = groups.count > 2 ? groups[2] : ""
    }

    /// The five components of the alphabetic group, trailing empty ones included.
    package var components: [String] {
        let parts = alphabetic.split(separator: "^", omittingEmptySubsequences: false).map(String.init)
        return parts + Array(repeating: "", count: max(0, 5 - parts.count))
    }

    package var familyName: String { components[0] }
    package var givenName: String { components[1] }
    package var middleName: String { components[2] }
    package var namePrefix: String { components[3] }
    package var nameSuffix: String { components[4] }

    /// The value as written: groups joined by "=", trailing empty groups left out.
    package var description: String {
        var groups = [alphabetic, ideographic, phonetic]
        while let last = groups.last, last.isEmpty, groups.count > 1 { groups.removeLast() }
        return groups.joined(separator: "=")
    }
}
