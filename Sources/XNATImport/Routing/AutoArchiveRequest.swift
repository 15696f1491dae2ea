/// What a DICOM object asks for with an `AA:` assignment or an auto-archive routing rule (`xnat-import-spec.md`
/// §3.1). It decides the prearchive row's auto-archive code ahead of the project setting.
package enum AutoArchiveRequest: Sendable, Equatable {
    /// `t` or `true`: archive automatically (prearchive code AutoArchive).
    case autoArchive
    /// `f` or `false`: leave in the prearchive (prearchive code Manual).
    case manual

    /// Reads a whole value, case-insensitively; any other value expresses no opinion (`nil`).
    package init?(_ value: String) {
        switch value.lowercased() {
        case "t", "true": self = .autoArchive
        case "f", "false": self = .manual
        default: return nil
        }
    }
}
