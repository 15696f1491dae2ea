import Foundation

/// Builds a prearchive session's document from the files in its folder (`xnat-import-spec.md` §5): reads the
/// folder (``SessionFolderReader``), plans (``SessionBuilder``) and applies the plan (``SessionFolderWriter``).
/// Blocking file IO: call from a thread that may block.
package enum PrearchiveSessionBuilder {
    /// Builds the session in `sessionFolder`, writing its catalogs, `dcmtoxnat.log` and the document at
    /// `documentURL`, and returns the document.
    ///
    /// When `constants` carry no session-level resources, those of the document already at `documentURL` are
    /// carried over (§5.1), if it can be read; a missing `prearchivePath` is the session folder's absolute path.
    /// Files that are not readable DICOM are skipped and listed in `dcmtoxnat.log`.
    ///
    /// - Throws: ``SessionBuildError`` when the files cannot make a session (nothing is changed then), or
    ///   ``StorageError`` when the file system fails.
    package static func build(
        sessionFolder: URL,
        documentURL: URL,
        constants: SessionBuildConstants
    ) throws -> SessionDocument {
        let folder = sessionFolder.standardizedFileURL
        var constants = constants
        if constants.resources.isEmpty, let previous = previousDocument(at: documentURL) {
            constants.resources = previous.resources
        }
        if constants.prearchivePath == nil {
            constants.prearchivePath = folder.path
        }
        // ECAT files and no DICOM: a PET session (§12).
        if let document = try ECATSessionBuilder.buildIfECAT(
            sessionFolder: folder,
            documentURL: documentURL,
            constants: constants
        ) {
            return document
        }
        let contents = try SessionFolderReader.scan(sessionFolder: folder)
        var plan = try SessionBuilder.plan(
            files: contents.files,
            constants: constants,
            occupiedPaths: contents.skippedPaths
        )
        plan.warnings = contents.warnings + plan.warnings
        try SessionFolderWriter.apply(plan, sessionFolder: folder, documentURL: documentURL)
        return plan.document
    }

    /// The document at `url`, if there is one that can be read.
    private static func previousDocument(at url: URL) -> SessionDocument? {
        guard SessionFolderReader.kind(of: url.path) == .file, let data = try? Data(contentsOf: url) else {
            return nil
        }
        return try? SessionDocument(xml: data)
    }
}
