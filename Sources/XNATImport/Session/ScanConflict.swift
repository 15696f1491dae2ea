/// An incoming scan that clashes with a scan of the archived session it is merged into (`xnat-import-spec.md`
/// §6.3, XNAT `ScanIdValidator`); XNAT answers 409 with `description`.
package enum ScanConflict: Error, Sendable, Equatable, CustomStringConvertible {
    /// Same ID and UID, and merging is not allowed.
    case sameUIDAndNumber(scanID: String)
    /// Same ID, another UID, and merging is not allowed.
    case sameNumberDifferentUID(scanID: String)
    /// The UID belongs to an archived scan with another ID, and exceptions are not overridden.
    case sameUIDDifferentNumber(scanID: String)

    /// The 409 message XNAT answers with.
    package var description: String {
        switch self {
        case .sameUIDAndNumber(let scanID):
            "Session already contains a scan (\(scanID)) with the same UID and number."
        case .sameNumberDifferentUID(let scanID):
            "Session already contains a scan (\(scanID)) with the same number, but a different UID."
        case .sameUIDDifferentNumber(let scanID):
            "Session already contains a scan with the same UID, but a different number (\(scanID))."
        }
    }
}
