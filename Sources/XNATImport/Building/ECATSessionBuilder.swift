import ECAT
import Foundation

/// Builds the `xnat:petSessionData` document of a prearchive session made of ECAT 7 files
/// (`xnat-import-spec.md` §12; ecat4xnat `PETSessionBuilder`). XNAT tries its builders in order, DICOM then ECAT;
/// here the ECAT build takes a folder that holds ECAT files in `SCANS/<scan>/ECAT/` and no DICOM files, and the
/// DICOM build keeps every other folder.
///
/// - One `xnat:petScanData` scan per file. A scan's ID is its folder's name (the session importer numbers them
///   1, 2, … in file-name order), so rebuilding changes nothing; a second file in one folder gets the next free
///   number above the highest numeric scan ID and is moved to its own `SCANS/<n>/ECAT/`.
/// - Each scan has one resource `ECAT` (format `ECAT`, content `RAW`) with a plain catalog
///   `SCANS/<n>/ECAT/scan_<n>_ECAT_catalog.xml`: one `cat:entry` with the file name as `URI` and `ID`, format
///   `ECAT`, the MD5 `digest` and `size_in_bytes`.
/// - Warnings (unreadable files, disagreeing header values) go to `ecattoxnat.log`.
///
/// Deliberate differences from XNAT: the resource is a catalog like every other Sluice resource (XNAT writes an
/// `xnat:imageResource` pointing at the file), and per-frame `parameters/frames` and the PET-only elements
/// (`patientID`, `patientName`, `studyType`, tracer times) are not written, because the session document does not
/// model them; the frame count is the scan's `frames`. Dates and times are in `timeZone` (XNAT: `TIMEZONE` or the
/// server's zone; the build does not see the row's `TIMEZONE`, so it is the server's).
package enum ECATSessionBuilder {
    /// The scan resource label, folder name and `format` of ECAT files.
    package static let resourceLabel = ECATFolderReader.resourceName
    /// The warnings log of the PET build.
    package static let logName = "ecattoxnat.log"

    /// Builds the session in `sessionFolder` if it is an ECAT session, writing catalogs, `ecattoxnat.log` and the
    /// document at `documentURL`; `nil` (nothing touched) when the folder holds no ECAT files or holds DICOM.
    ///
    /// - Throws: ``ECATSessionBuildError`` when no ECAT file is readable, ``StorageError`` when the file system
    ///   fails.
    package static func buildIfECAT(
        sessionFolder: URL,
        documentURL: URL,
        constants: SessionBuildConstants,
        timeZone: TimeZone = .current
    ) throws -> SessionDocument? {
        let folder = sessionFolder.standardizedFileURL
        let contents = try ECATFolderReader.scan(sessionFolder: folder)
        guard contents.isECATSession else { return nil }
        var constants = constants
        if constants.prearchivePath == nil { constants.prearchivePath = folder.path }
        let plan = try plan(contents: contents, constants: constants, timeZone: timeZone)
        try ECATFolderWriter.apply(plan, sessionFolder: folder, documentURL: documentURL)
        return plan.document
    }

    /// Plans the build: scan IDs, moves, catalogs and the document. Pure.
    static func plan(
        contents: ECATFolderReader.Contents,
        constants: SessionBuildConstants,
        timeZone: TimeZone
    ) throws(ECATSessionBuildError) -> SessionBuildPlan {
        guard !contents.files.isEmpty else { throw .noFiles(contents.warnings) }
        let assigned = assignScanIDs(contents.files, scanFolders: contents.scanFolders)
        var taken = Set(contents.files.map(\.relativePath)).union(contents.skippedPaths)
        var moves: [SessionBuildPlan.Move] = []
        var catalogs: [SessionBuildPlan.Catalog] = []
        var scans: [SessionDocument.Scan] = []
        var warnings = contents.warnings
        for (scanID, file) in assigned {
            let folder = [PrearchiveLayout.scansFolderName, scanID, resourceLabel].joined(separator: "/")
            let catalogPath = folder + "/" + catalogFileName(scanID: scanID)
            taken.insert(catalogPath)
            var name = file.fileName
            if file.relativePath != folder + "/" + name || name == catalogFileName(scanID: scanID) {
                name = SessionBuilder.uniqueName(name, in: folder, avoiding: taken)
                taken.insert(folder + "/" + name)
                moves.append(SessionBuildPlan.Move(from: file.relativePath, to: folder + "/" + name))
            }
            catalogs.append(
                SessionBuildPlan.Catalog(relativePath: catalogPath, catalog: catalog(for: file, name: name))
            )
            scans.append(scan(id: scanID, file: file, catalogPath: catalogPath, timeZone: timeZone))
        }
        let document = sessionDocument(
            files: assigned.map(\.file),
            scans: scans,
            constants: constants,
            timeZone: timeZone,
            warnings: &warnings
        )
        return SessionBuildPlan(document: document, catalogs: catalogs, moves: moves, warnings: warnings)
    }

    /// `scan_<id>_ECAT_catalog.xml` (XNAT's `scan_%s_catalog.xml` with `<scan ID>_<label>`, §5.4).
    static func catalogFileName(scanID: String) -> String {
        "scan_\(scanID)_\(resourceLabel)_catalog.xml"
    }

    /// One scan ID per file, in scan order: the first file of each folder keeps the folder's name as its ID when
    /// that is a valid scan ID; every other file gets the next number above all numeric scan folder names.
    static func assignScanIDs(
        _ files: [ECATSessionFile],
        scanFolders: [String]
    ) -> [(scanID: String, file: ECATSessionFile)] {
        let ordered = files.sorted {
            $0.scanFolder != $1.scanFolder
                ? ScanIdentifier.isOrderedBefore($0.scanFolder, $1.scanFolder) : $0.fileName < $1.fileName
        }
        var used = Set(scanFolders)
        var next = (scanFolders.compactMap { Int($0) }.max() ?? 0) + 1
        var keptFolders: Set<String> = []
        var result: [(scanID: String, file: ECATSessionFile)] = []
        var extra: [ECATSessionFile] = []
        for file in ordered {
            if !keptFolders.contains(file.scanFolder), isValidScanID(file.scanFolder) {
                keptFolders.insert(file.scanFolder)
                result.append((file.scanFolder, file))
            } else {
                extra.append(file)
            }
        }
        for file in extra {
            while used.contains(String(next)) { next += 1 }
            used.insert(String(next))
            result.append((String(next), file))
        }
        return result.sorted { ScanIdentifier.isOrderedBefore($0.scanID, $1.scanID) }
    }

    /// A scan ID that names a scan folder and a catalog: word characters, `-` and `.`, not only dots.
    static func isValidScanID(_ id: String) -> Bool {
        LabelSanitizer.isValid(id, allowing: .fileName) && id.contains { $0 != "." }
    }

    /// The plain catalog of one ECAT file.
    static func catalog(for file: ECATSessionFile, name: String) -> CatalogDocument {
        var entry = CatalogDocument.Entry(kind: .plain, uri: name, digest: file.md5)
        entry.id = name
        entry.format = resourceLabel
        entry.sizeInBytes = file.size
        return CatalogDocument(kind: .plain, entries: [entry])
    }
}

/// Why a prearchive session's ECAT files cannot become a PET session document.
package enum ECATSessionBuildError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The ECAT folders hold no readable ECAT 7 file; the reasons, one per file.
    case noFiles([String])

    /// A message for the user.
    package var description: String {
        switch self {
        case .noFiles(let reasons):
            let detail = reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")"
            return "The session folder holds no readable ECAT 7 files" + detail
        }
    }
}
