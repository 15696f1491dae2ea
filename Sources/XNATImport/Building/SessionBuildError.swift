/// Why a prearchive session's DICOM files cannot become a session document (`xnat-import-spec.md` §5.2); XNAT
/// leaves such a session in ERROR.
package enum SessionBuildError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder holds no readable DICOM file.
    case noFiles
    /// The files belong to more than one study (StudyInstanceUIDs sorted; an empty one for files without it).
    case multipleStudies([String])
    /// Neither the SOP classes nor the modalities of the files map to a session type.
    case unknownSessionType(sopClassUIDs: [String], modalities: [String])
    /// A scan ID that cannot name a folder under `SCANS/`.
    case invalidScanID(String)

    /// A message for the user.
    package var description: String {
        switch self {
        case .noFiles:
            return "The session folder holds no readable DICOM files"
        case .multipleStudies(let uids):
            let names = uids.map { $0.isEmpty ? "no StudyInstanceUID" : $0 }.joined(separator: ", ")
            return "The session folder holds \(uids.count) studies (\(names)); a prearchive session must hold one"
        case .unknownSessionType(let sopClassUIDs, let modalities):
            let classes = sopClassUIDs.isEmpty ? "none" : sopClassUIDs.joined(separator: ", ")
            let kinds = modalities.isEmpty ? "none" : modalities.joined(separator: ", ")
            return "No XNAT session type fits the session's files (SOP classes: \(classes); modalities: \(kinds))"
        case .invalidScanID(let id):
            return "The scan ID \"\(id)\" cannot name a scan folder"
        }
    }
}
