/// Why a file-name template (site preference `dicomFileNameTemplate`, `xnat-import-spec.md` §7.1) was rejected;
/// XNAT refuses such a template at start-up.
package enum FileNameTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `${Keyword}` names no DICOM attribute.
    case unknownKeyword(String)
    /// `${Hash…}` lists fewer than two attributes joined by `With`.
    case hashNeedsTwoAttributes(String)

    /// The message XNAT logs for the template.
    package var description: String {
        switch self {
        case .unknownKeyword(let keyword):
            "Illegal DICOM header tag specified: \(keyword)"
        case .hashNeedsTwoAttributes(let variable):
            "You can't specify a Hash without specifying at least two DICOM header values joined by the With delimiter: \(variable)"
        }
    }
}
