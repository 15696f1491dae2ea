import Foundation
import Logging

/// What the server does at startup, besides finishing or rolling back interrupted archives
/// (``ArchiveService/recover()``), so that `sluice verify` finds nothing a crash left:
///
/// 1. ``removeTemporaryFiles()`` (before anything else): everything in `staging/` (uploads, unpacked archives,
///    DICOM instances being received, imports in progress) and every `.sluice-…` temporary file under the
///    prearchive, the archive and the user cache.
/// 2. ``reconcilePrearchive()`` (after the archive recovery has reset interrupted sessions): a RECEIVING row whose
///    folder is missing or holds no file is removed (a receive that never placed a file), a session folder with
///    no row and no file is removed, and a built session (READY, CONFLICT) whose files no longer match its
///    catalogs (a receive interrupted after placing a file) is RECEIVING again, so the idle build rebuilds it.
///
/// Sessions interrupted while receiving stay RECEIVING with every file that was placed: XNAT keeps such sessions
/// too, and the idle build (or `action=build`) finishes them.
package struct DataFolderRecovery: Sendable {
    /// The data folder.
    package let layout: DataFolderLayout
    /// The rows.
    package let store: any MetadataStore
    let logger: Logger

    /// Recovery of the data folder `layout` described by `store`.
    package init(layout: DataFolderLayout, store: any MetadataStore, logger: Logger) {
        self.layout = layout
        self.store = store
        self.logger = logger
    }

    /// Deletes what staging holds and every `.sluice-…` name under the prearchive, archive and cache; answers how
    /// many entries went. Call before any request or DICOM association is served. Blocking IO.
    @discardableResult
    package func removeTemporaryFiles() -> Int {
        Self.removeTemporaryFiles(in: layout, logger: logger)
    }

    /// ``removeTemporaryFiles()`` for the data folder `layout`.
    @discardableResult
    package static func removeTemporaryFiles(
        in layout: DataFolderLayout,
        logger: Logger = Logger(label: "sluice")
    ) -> Int {
        var removed = 0
        for name in FolderWalk.entries(of: layout.staging) {
            if (try? FileManager.default.removeItem(at: layout.staging.appendingPathComponent(name))) != nil {
                removed += 1
            }
        }
        removed += removeTemporaryNames(under: layout.prearchive)
        removed += removeTemporaryNames(under: layout.cache)
        // Archived sessions can hold millions of files: only the folders Sluice writes temporary files in are
        // listed (the journal, session folders, resource folders `<label>/SCANS/<scan>/<resource>`), and only the
        // folders on the way there are examined, so the DICOM files themselves cost a name comparison each.
        removed += removeTemporaryNames(under: layout.archive, depth: Self.archiveDepth)
        if removed > 0 {
            logger.notice("Removed files left by unfinished writes", metadata: ["entries": "\(removed)"])
        }
        return removed
    }

    /// `<project>/arc001/<label>/SCANS/<scan>/<resource>/<file>`: the deepest level holding temporary files.
    static let archiveDepth = 7

    /// Removes `.sluice-…` entries in `folder` and, down to `depth` levels, in its sub-folders (links not followed;
    /// `archive/.removed` is left alone).
    private static func removeTemporaryNames(under folder: URL, depth: Int = .max) -> Int {
        var removed = 0
        for name in FolderWalk.entries(of: folder) {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            if name.hasPrefix(FolderWalk.temporaryPrefix) {
                if (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
            } else if depth > 1, name != ArchiveEditor.removedFolderName, FolderWalk.kind(of: url) == .folder {
                removed += removeTemporaryNames(under: url, depth: depth - 1)
            }
        }
        return removed
    }

    /// Makes prearchive rows and folders agree again after a crash (see the type's description).
    package func reconcilePrearchive() async {
        let prearchive = PrearchiveLayout(dataFolders: layout)
        let verifier = DataFolderVerifier(layout: layout)
        guard let rows = try? await store.prearchiveSessions() else {
            logger.error("Could not list prearchive sessions to recover them")
            return
        }
        var recorded: Set<String> = []
        for var row in rows {
            recorded.insert(prearchive.sessionFolder(of: row.key).path)
            let folder = prearchive.sessionFolder(of: row.key)
            let document = prearchive.sessionDocument(of: row.key)
            let hasFolder = FolderWalk.kind(of: folder) == .folder
            let hasDocument = FolderWalk.kind(of: document) == .file
            if row.status == .receiving, !hasDocument, !hasFolder || FolderWalk.holdsNoFiles(folder) {
                try? FileManager.default.removeItem(at: folder)
                _ = try? await store.deletePrearchiveSession(row.key)
                logger.notice(
                    "Removed a prearchive session that received no file",
                    metadata: ["prearchive.session": "\(row.key.url)"]
                )
                continue
            }
            guard hasFolder, DataFolderVerifier.builtStatuses.contains(row.status) else { continue }
            let stale =
                await (try? BlockingWork.run { verifier.catalogsDisagree(folder: folder, document: document) }) ?? false
            guard stale else { continue }
            let previous = row.status
            row.status = .receiving
            _ = try? await store.updatePrearchiveSession(row)
            logger.notice(
                "A built prearchive session's files no longer match its catalogs; it will be built again",
                metadata: ["prearchive.session": "\(row.key.url)", "from": "\(previous.rawValue)"]
            )
        }
        removeEmptyUnrecordedFolders(prearchive, recorded: recorded)
    }

    /// Session folders with no row and no file (a receive that failed or crashed before placing anything).
    private func removeEmptyUnrecordedFolders(_ prearchive: PrearchiveLayout, recorded: Set<String>) {
        for name in FolderWalk.entries(of: prearchive.root) {
            let url = prearchive.root.appendingPathComponent(name, isDirectory: true)
            let stamps =
                PrearchiveTimestamp(rawValue: name) != nil
                ? [url] : FolderWalk.entries(of: url).map { url.appendingPathComponent($0, isDirectory: true) }
            for stamp in stamps where PrearchiveTimestamp(rawValue: stamp.lastPathComponent) != nil {
                for session in FolderWalk.entries(of: stamp) {
                    let folder = stamp.appendingPathComponent(session, isDirectory: true)
                    guard FolderWalk.kind(of: folder) == .folder, !recorded.contains(folder.path),
                        FolderWalk.holdsNoFiles(folder),
                        FolderWalk.kind(of: stamp.appendingPathComponent(session + ".xml")) == .missing
                    else { continue }
                    try? FileManager.default.removeItem(at: folder)
                    logger.notice(
                        "Removed an empty prearchive folder without a row",
                        metadata: ["folder": "\(folder.path)"]
                    )
                }
            }
        }
    }
}

extension DataFolderVerifier {
    /// Whether a built session's catalogs and files disagree (names and recorded sizes; no hashing). Blocking IO.
    func catalogsDisagree(folder: URL, document: URL) -> Bool {
        var report = VerificationReport()
        let nonData = Self.nonDataPaths(of: folder)
        _ = checkSession(
            folder: folder,
            document: document,
            strictness: .builtListing,
            isNonData: { nonData.contains($0) || $0.hasPrefix(PrearchiveLayout.logsFolderName + "/") },
            report: &report
        )
        return !report.isClean
    }
}
