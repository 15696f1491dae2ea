import Foundation

/// Where a prearchive session's folders and files are (`xnat-import-spec.md` §4.1); computes paths, touches nothing.
///
/// ```
/// <prearchive>/<PROJECT>/<TIMESTAMP>/<FOLDER>/       an assigned session
/// <prearchive>/<PROJECT>/<TIMESTAMP>/<FOLDER>.xml    its session document, beside the folder
/// <prearchive>/<TIMESTAMP>/<FOLDER>/ and .xml        an Unassigned session, directly under the root
/// <FOLDER>/SCANS/<scan>/DICOM/                       primary files and scan_<scan>_catalog.xml
/// <FOLDER>/SCANS/<scan>/secondary/                   other SOP classes and scan_<scan>_secondary_catalog.xml
/// <FOLDER>/logs/<epoch milliseconds>.log             the session's operation log
/// <FOLDER>/dcmtoxnat.log                             session builder warnings
/// ```
///
/// Keys and scan IDs are checked to be single path components, so every path stays under ``root``.
package struct PrearchiveLayout: Sendable, Equatable {
    /// The name of the folder that holds a session's scans.
    package static let scansFolderName = "SCANS"
    /// The name of the folder that holds a session's operation logs.
    package static let logsFolderName = "logs"
    /// The name of the session builder's warning log.
    package static let builderLogName = "dcmtoxnat.log"

    /// The prearchive folder.
    package let root: URL

    /// Creates the layout of the prearchive at `root`.
    package init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// Creates the layout of the data directory's prearchive.
    package init(dataFolders: DataFolderLayout) {
        self.init(root: dataFolders.prearchive)
    }

    // MARK: - Session paths

    /// `<prearchive>/<project>/`, or the root for Unassigned (`nil`).
    package func projectFolder(_ project: String?) throws(PrearchivePathError) -> URL {
        guard let project, project != PrearchiveSessionKey.unassignedProject else { return root }
        return folder(root, try PrearchivePathComponent.validated(project, role: .project))
    }

    /// `<project folder>/<timestamp>/`.
    package func timestampFolder(of key: PrearchiveSessionKey) -> URL {
        folder(projectFolder(of: key), key.timestamp.rawValue)
    }

    /// `<timestamp folder>/<folder>/`: the session's files.
    package func sessionFolder(of key: PrearchiveSessionKey) -> URL {
        folder(timestampFolder(of: key), key.folderName)
    }

    /// `<timestamp folder>/<folder>.xml`: the session document, beside the session folder.
    package func sessionDocument(of key: PrearchiveSessionKey) -> URL {
        timestampFolder(of: key).appendingPathComponent(key.folderName + ".xml", isDirectory: false)
    }

    /// `<session folder>/SCANS/<scan>/`.
    package func scanFolder(of key: PrearchiveSessionKey, scanID: String) throws(PrearchivePathError) -> URL {
        let scan = try PrearchivePathComponent.validated(scanID, role: .scan)
        return folder(folder(sessionFolder(of: key), Self.scansFolderName), scan)
    }

    /// `<session folder>/SCANS/<scan>/DICOM/` or `…/secondary/`.
    package func resourceFolder(
        of key: PrearchiveSessionKey,
        scanID: String,
        label: ScanResource
    ) throws(PrearchivePathError) -> URL {
        folder(try scanFolder(of: key, scanID: scanID), label.rawValue)
    }

    /// The catalog of a scan resource, inside its resource folder.
    package func catalogFile(
        of key: PrearchiveSessionKey,
        scanID: String,
        label: ScanResource
    ) throws(PrearchivePathError) -> URL {
        let name = try Self.catalogFileName(scanID: scanID, label: label)
        return try resourceFolder(of: key, scanID: scanID, label: label).appendingPathComponent(
            name,
            isDirectory: false
        )
    }

    /// `<session folder>/logs/`.
    package func logsFolder(of key: PrearchiveSessionKey) -> URL {
        folder(sessionFolder(of: key), Self.logsFolderName)
    }

    /// `<session folder>/logs/<epochMilliseconds>.log`: one operation log file.
    package func logFile(of key: PrearchiveSessionKey, epochMilliseconds: Int64) -> URL {
        logsFolder(of: key).appendingPathComponent("\(epochMilliseconds).log", isDirectory: false)
    }

    /// `<session folder>/dcmtoxnat.log`: the session builder's warnings.
    package func builderLog(of key: PrearchiveSessionKey) -> URL {
        sessionFolder(of: key).appendingPathComponent(Self.builderLogName, isDirectory: false)
    }

    // MARK: - Paths inside a session folder

    /// `scan_<scan>_catalog.xml` for `DICOM`, `scan_<scan>_<label>_catalog.xml` for other labels (§5.4).
    package static func catalogFileName(scanID: String, label: ScanResource) throws(PrearchivePathError) -> String
    {
        let scan = try PrearchivePathComponent.validated(scanID, role: .scan)
        return label == .primary ? "scan_\(scan)_catalog.xml" : "scan_\(scan)_\(label.rawValue)_catalog.xml"
    }

    /// The catalog's path relative to the session folder, as the session document's resource `URI` has it:
    /// `SCANS/4/DICOM/scan_4_catalog.xml`.
    package static func relativeCatalogPath(
        scanID: String,
        label: ScanResource
    ) throws(PrearchivePathError) -> String {
        let name = try catalogFileName(scanID: scanID, label: label)
        return [scansFolderName, scanID, label.rawValue, name].joined(separator: "/")
    }

    // MARK: - Reverse lookup

    /// Whether `url` is the root or inside it, compared lexically after standardising (no links are followed).
    package func contains(_ url: URL) -> Bool {
        let base = root.pathComponents
        let candidate = url.standardizedFileURL.pathComponents
        return candidate.count >= base.count && Array(candidate.prefix(base.count)) == base
    }

    /// The key of the session whose folder is `url`: `<root>/<timestamp>/<folder>` (Unassigned) or
    /// `<root>/<project>/<timestamp>/<folder>`; `nil` for any other path.
    package func key(ofSessionFolder url: URL) -> PrearchiveSessionKey? {
        guard contains(url) else { return nil }
        let parts = Array(url.standardizedFileURL.pathComponents.dropFirst(root.pathComponents.count))
        guard parts.count == 2 || parts.count == 3,
            let timestamp = PrearchiveTimestamp(rawValue: parts[parts.count - 2])
        else { return nil }
        return try? PrearchiveSessionKey(
            project: parts.count == 3 ? parts[0] : nil,
            timestamp: timestamp,
            folderName: parts[parts.count - 1]
        )
    }

    // MARK: - Helpers

    private func projectFolder(of key: PrearchiveSessionKey) -> URL {
        guard let project = key.project else { return root }
        return folder(root, project)
    }

    private func folder(_ base: URL, _ name: String) -> URL {
        base.appendingPathComponent(name, isDirectory: true)
    }
}
