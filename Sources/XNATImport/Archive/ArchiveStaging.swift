import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds a new archived session folder beside the old one without touching either source: archived files and
/// incoming prearchive files are hard-linked (copied across file systems), catalogs and the document written
/// atomically. Blocking IO.
enum ArchiveStaging {
    static func stage(
        _ plan: ArchiveMergePlan,
        documentName: String,
        incomingFolder: URL,
        existingFolder: URL?,
        staging: URL
    ) throws(StorageError) {
        try AtomicFile.createFolder(staging)
        let replaced = Set(plan.placements.map(\.to)).union(plan.removals).union(plan.catalogs.keys)
            .union([documentName])
        if let existingFolder {
            for path in try regularFiles(under: existingFolder) where !replaced.contains(path) {
                try link(existingFolder.appendingPathComponent(path), to: staging.appendingPathComponent(path))
            }
        }
        for placement in plan.placements {
            try link(
                incomingFolder.appendingPathComponent(placement.from),
                to: staging.appendingPathComponent(placement.to)
            )
        }
        for (path, catalog) in plan.catalogs {
            try AtomicFile.write(Data(catalog.xml().utf8), to: staging.appendingPathComponent(path))
        }
        try AtomicFile.write(
            Data(plan.document.xml().utf8),
            to: staging.appendingPathComponent(documentName, isDirectory: false)
        )
        // Every name linked into the staged tree reaches the disk before the tree is renamed into place.
        try AtomicFile.synchronizeTree(staging)
    }

    /// Paths of the regular files under `folder`, relative to it; hidden names and links are left out.
    static func regularFiles(under folder: URL) throws(StorageError) -> [String] {
        guard
            let walker = FileManager.default.enumerator(
                at: folder,
                includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                options: [.skipsHiddenFiles]
            )
        else { throw StorageError(.read, path: folder.path) }
        let base = folder.standardizedFileURL.path
        var paths: [String] = []
        while let url = walker.nextObject() as? URL {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
            paths.append(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
        }
        return paths.sorted()
    }

    /// Hard-links `source` to `target` (creating folders), copying when the two are on different file systems.
    static func link(_ source: URL, to target: URL) throws(StorageError) {
        try AtomicFile.createFolder(target.deletingLastPathComponent())
        unlink(target.path)
        if hardLink(source.path, target.path) == 0 { return }
        guard errno == EXDEV || errno == EPERM else { throw StorageError(.write, path: target.path) }
        do {
            try FileManager.default.copyItem(at: source, to: target)
            try AtomicFile.synchronizeFile(target)
        } catch {
            throw StorageError(.write, path: target.path, reason: "\(error)")
        }
    }
}

/// The C library's `link`, which the static method of the same name hides.
private func hardLink(_ source: String, _ target: String) -> Int32 {
    link(source, target)
}
