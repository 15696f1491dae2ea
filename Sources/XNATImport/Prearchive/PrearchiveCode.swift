/// Whether a prearchive session (or a project's prearchive setting) archives by itself: XNAT's `PrearchiveCode`.
///
/// Raw values are the names the prearchive table's `autoarchive` column holds (`xnat-import-spec.md` §4.2);
/// ``number`` is the code `GET /data/projects/<P>/prearchive_code` answers with.
package enum PrearchiveCode: String, Sendable, CaseIterable {
    /// Sessions wait in the prearchive until someone archives them (code 0).
    case manual = "Manual"
    /// Sessions are archived once built, merging into an existing session without overwriting files (code 4).
    case autoArchive = "AutoArchive"
    /// Sessions are archived once built, overwriting files that are already archived (code 5).
    case autoArchiveOverwrite = "AutoArchiveOverwrite"

    /// XNAT's numeric code: 0, 4 or 5.
    package var number: Int {
        switch self {
        case .manual: 0
        case .autoArchive: 4
        case .autoArchiveOverwrite: 5
        }
    }

    /// The code with XNAT's number `number`.
    package init?(number: Int) {
        guard let code = Self.allCases.first(where: { $0.number == number }) else { return nil }
        self = code
    }

    /// Whether sessions archive without a user's action (XNAT: code ≥ 4).
    package var archivesAutomatically: Bool { self != .manual }
}
