/// The DICOM resources of a scan (`xnat-import-spec.md` §5.4, dicom-xnat `CatalogBuilder`): imaging SOP classes
/// go to the primary `DICOM` resource, everything else (RT structure sets in an image series, private SOP
/// classes, presentation states, …) to `secondary`. Raw values are the resource labels, which are also the
/// directory names under `SCANS/<scan ID>/`.
package enum ScanResource: String, Sendable, CaseIterable {
    case primary = "DICOM"
    case secondary = "secondary"

    /// The `content` attribute of a resource.
    package enum Content: String, Sendable {
        case raw = "RAW"
        case secondary = "secondary"
    }

    /// The `format` attribute, the same for both resources.
    package enum Format: String, Sendable {
        case dicom = "DICOM"
    }

    /// The resource a file of this SOP class belongs to. With `separatingSecondary` off (site setting
    /// `separateSecondaryDicomOnArchive`, default on) every file is primary.
    package static func classify(sopClassUID: String?, separatingSecondary: Bool = true) -> ScanResource {
        guard separatingSecondary else { return .primary }
        guard let sopClassUID else { return .secondary }
        return SOPClassTables.primarySOPClasses.contains(sopClassUID) ? .primary : .secondary
    }

    /// The resource's `content` attribute: `RAW` or `secondary`.
    package var content: Content {
        switch self {
        case .primary: .raw
        case .secondary: .secondary
        }
    }

    /// The resource's `format` attribute: always `DICOM`.
    package var format: Format { .dicom }

    /// The resource's directory relative to the session folder: `SCANS/4/DICOM`, `SCANS/4/secondary`.
    package func directory(scanID: String) -> String {
        "SCANS/" + scanID + "/" + rawValue
    }

    /// The catalog file name: `scan_4_catalog.xml` for the primary resource, `scan_4_secondary_catalog.xml`
    /// otherwise (`ScanCatalogFileWriterFactory`, pattern `scan_%s_catalog.xml`).
    package func catalogFileName(scanID: String) -> String {
        let label = self == .primary ? scanID : scanID + "_" + rawValue
        return "scan_" + label + "_catalog.xml"
    }
}
