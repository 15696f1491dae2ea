import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Carries out a ``SessionBuildPlan`` on a prearchive session folder (`xnat-import-spec.md` §4.1, §5.4).
///
/// Order: moves (renames), duplicate deletions, catalogs, removal of stale catalogs and of the resource and scan
/// folders left empty, `dcmtoxnat.log`, and the session document last, so a document never names a catalog that
/// is not on disk. Every write is atomic (``AtomicFile``). Blocking file IO: call from a thread that may block.
package enum SessionFolderWriter {
    /// Applies `plan` to the folder at `sessionFolder` and writes the session document to `documentURL`.
    package static func apply(_ plan: SessionBuildPlan, sessionFolder: URL, documentURL: URL) throws(StorageError) {
        let root = sessionFolder.standardizedFileURL
        for move in plan.moves {
            let source = url(move.from, in: root)
            let target = url(move.to, in: root)
            // The plan never targets a file it knows of; refuse rather than replace one it does not.
            guard SessionFolderReader.kind(of: target.path) == .missing else {
                throw StorageError(.move, path: target.path, reason: "a file is already there")
            }
            try AtomicFile.move(source, to: target)
        }
        for duplicate in plan.duplicates {
            try remove(url(duplicate, in: root))
        }
        for catalog in plan.catalogs {
            try AtomicFile.write(catalog.catalog.xmlData(), to: url(catalog.relativePath, in: root))
        }
        try removeStaleCatalogsAndEmptyFolders(keeping: Set(plan.catalogs.map(\.relativePath)), root: root)

        let log = root.appendingPathComponent(PrearchiveLayout.builderLogName, isDirectory: false)
        if plan.warnings.isEmpty {
            try remove(log)
        } else {
            try AtomicFile.write(Data((plan.warnings.joined(separator: "\n") + "\n").utf8), to: log)
        }
        try AtomicFile.write(plan.document.xmlData(), to: documentURL)
    }

    /// Under every `SCANS/<scan>/DICOM` and `…/secondary`: deletes catalogs not in `keeping`, then removes the
    /// folders (sub-folders, resource folders, scan folders) that are left empty. Other resource folders and
    /// anything else under `SCANS` are left alone.
    private static func removeStaleCatalogsAndEmptyFolders(keeping: Set<String>, root: URL) throws(StorageError) {
        let scans = PrearchiveLayout.scansFolderName
        for scanFolder in try SessionFolderReader.entries(of: root.path + "/" + scans) {
            let scanPath = scans + "/" + scanFolder
            guard SessionFolderReader.kind(of: root.path + "/" + scanPath) == .folder else { continue }
            for label in ScanResource.allCases {
                let resourcePath = scanPath + "/" + label.rawValue
                guard SessionFolderReader.kind(of: root.path + "/" + resourcePath) == .folder else { continue }
                for name in try SessionFolderReader.entries(of: root.path + "/" + resourcePath)
                where SessionFolderReader.isCatalog(name) && !keeping.contains(resourcePath + "/" + name) {
                    try remove(url(resourcePath + "/" + name, in: root))
                }
                try removeEmptyFolders(resourcePath, root: root)
            }
            if try SessionFolderReader.entries(of: root.path + "/" + scanPath).isEmpty {
                try removeFolder(url(scanPath, in: root))
            }
        }
    }

    /// Removes the empty folders in and including the folder at `relative`, deepest first; links not followed.
    private static func removeEmptyFolders(_ relative: String, root: URL) throws(StorageError) {
        for name in try SessionFolderReader.entries(of: root.path + "/" + relative) {
            let child = relative + "/" + name
            if SessionFolderReader.kind(of: root.path + "/" + child) == .folder {
                try removeEmptyFolders(child, root: root)
            }
        }
        if try SessionFolderReader.entries(of: root.path + "/" + relative).isEmpty {
            try removeFolder(url(relative, in: root))
        }
    }

    private static func url(_ relative: String, in root: URL) -> URL {
        root.appendingPathComponent(relative, isDirectory: false)
    }

    /// Deletes a file; one that is already gone is fine.
    private static func remove(_ file: URL) throws(StorageError) {
        guard unlink(file.path) == 0 || errno == ENOENT else { throw StorageError(.remove, path: file.path) }
        try AtomicFile.synchronizeFolder(file.deletingLastPathComponent())
    }

    /// Deletes an empty folder; one that is gone, or that something was just put into, is fine.
    private static func removeFolder(_ folder: URL) throws(StorageError) {
        guard rmdir(folder.path) == 0 || errno == ENOENT || errno == ENOTEMPTY || errno == EEXIST else {
            throw StorageError(.remove, path: folder.path)
        }
    }
}
