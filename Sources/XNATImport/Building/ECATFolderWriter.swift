import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Carries out the plan of a PET session build (``ECATSessionBuilder``) on a prearchive session folder, in the
/// order ``SessionFolderWriter`` uses: moves, catalogs, removal of stale catalogs in `SCANS/*/ECAT` and of the ECAT
/// and scan folders left empty, `ecattoxnat.log`, and the session document last. Every write is atomic. Blocking
/// file IO.
enum ECATFolderWriter {
    static func apply(_ plan: SessionBuildPlan, sessionFolder: URL, documentURL: URL) throws(StorageError) {
        let root = sessionFolder.standardizedFileURL
        for move in plan.moves {
            let target = url(move.to, in: root)
            guard SessionFolderReader.kind(of: target.path) == .missing else {
                throw StorageError(.move, path: target.path, reason: "a file is already there")
            }
            try AtomicFile.move(url(move.from, in: root), to: target)
        }
        for catalog in plan.catalogs {
            try AtomicFile.write(catalog.catalog.xmlData(), to: url(catalog.relativePath, in: root))
        }
        try removeStaleCatalogsAndEmptyFolders(keeping: Set(plan.catalogs.map(\.relativePath)), root: root)
        let log = url(ECATSessionBuilder.logName, in: root)
        if plan.warnings.isEmpty {
            guard unlink(log.path) == 0 || errno == ENOENT else { throw StorageError(.remove, path: log.path) }
        } else {
            try AtomicFile.write(Data((plan.warnings.joined(separator: "\n") + "\n").utf8), to: log)
        }
        try AtomicFile.write(plan.document.xmlData(), to: documentURL)
    }

    /// Deletes catalogs in `SCANS/*/ECAT` that the plan did not write (non-ECAT files named like catalogs), then
    /// the ECAT folders and scan folders left empty.
    private static func removeStaleCatalogsAndEmptyFolders(keeping: Set<String>, root: URL) throws(StorageError) {
        let scans = PrearchiveLayout.scansFolderName
        for scanFolder in try SessionFolderReader.entries(of: root.path + "/" + scans) {
            let scanPath = scans + "/" + scanFolder
            guard SessionFolderReader.kind(of: root.path + "/" + scanPath) == .folder else { continue }
            let resourcePath = scanPath + "/" + ECATSessionBuilder.resourceLabel
            if SessionFolderReader.kind(of: root.path + "/" + resourcePath) == .folder {
                for name in try SessionFolderReader.entries(of: root.path + "/" + resourcePath)
                where SessionFolderReader.isCatalog(name) && !keeping.contains(resourcePath + "/" + name)
                    && !ECATFileReading.isECAT7(url(resourcePath + "/" + name, in: root))
                {
                    let file = url(resourcePath + "/" + name, in: root)
                    guard unlink(file.path) == 0 || errno == ENOENT else {
                        throw StorageError(.remove, path: file.path)
                    }
                }
                removeFolderIfEmpty(url(resourcePath, in: root))
            }
            removeFolderIfEmpty(url(scanPath, in: root))
        }
    }

    /// Removes an empty folder; a folder that is not empty (or is gone) is left as it is.
    private static func removeFolderIfEmpty(_ folder: URL) {
        _ = rmdir(folder.path)
    }

    private static func url(_ relative: String, in root: URL) -> URL {
        root.appendingPathComponent(relative, isDirectory: false)
    }
}
