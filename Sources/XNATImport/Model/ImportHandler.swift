/// The importer implementations a client can name in `import-handler` on `POST /data/services/import`.
///
/// Raw values are XNAT's wire names and are matched case-sensitively, with no aliases
/// (`xnat-import-spec.md` §1.4): `"dicom-zip"` is not `DICOM-zip`.
package enum ImportHandler: String, Sendable, CaseIterable {
    /// One DICOM object per request (`GradualDicomImporter`, spec §2.1).
    case gradualDICOM = "gradual-DICOM"
    /// A zip or tar of DICOM files, each handled like a gradual-DICOM object (`DicomZipImporter`, spec §2.2).
    case dicomZip = "DICOM-zip"
    /// The legacy session importer ("zip uploader") that restructures a whole archive (`SessionImporter`, spec §2.3).
    case sessionImporter = "SI"
    /// An XNAT archive: session XML plus its files (`XarImporter`, spec §2.4 and §8).
    case xar = "XAR"
    /// Imports a directory that is already on the server (`DicomInboxImporter`, spec §2.5).
    case inbox = "inbox"

    /// Whether the request must carry a file to import; only `inbox` reads from the server's own disk (spec §1.4).
    package var needsUploadedFile: Bool {
        self != .inbox
    }
}
