import Foundation

/// Unpacks an upload (zip, tar, `.tar.gz` or a gzip-compressed file, told by its bytes) into a new folder,
/// opening archives found inside it, within ``ExtractionLimits``, and all or nothing.
///
/// Everything is unpacked into a hidden staging folder next to the destination
/// (`.sluice-unpacking-<UUID>`), each file streamed to scratch, flushed (`fsync`) and renamed into place. At
/// the end the staging tree's folders are flushed, the tree is renamed to the destination in one step, and the
/// parent folder is flushed. On any error the staging folder is deleted, so a failed upload leaves nothing
/// behind. The work is blocking file IO: call it from a thread that may block, not from the cooperative pool.
package struct ArchiveExtractor: Sendable {
    /// The prefix of staging folders; a folder of this name left by a crash can be deleted at startup with
    /// ``removeAbandonedStagingFolders(in:)``.
    package static let stagingPrefix = ".sluice-unpacking-"

    /// The caps this extractor enforces.
    package var limits: ExtractionLimits

    /// Creates an extractor with the given limits.
    package init(limits: ExtractionLimits = .default) {
        self.limits = limits
    }

    /// Unpacks `upload` into `destination`, which must not exist yet (or be an empty folder) and whose parent
    /// folder must exist.
    ///
    /// - Returns: The files written, with paths relative to `destination`, and the entries skipped.
    /// - Throws: ``UnpackError`` only; when it throws, `destination` has not been created or changed.
    package func extract(upload: URL, into destination: URL) throws -> ExtractionResult {
        let upload = try ReadableFile(path: upload.path)
        let format = ArchiveFormat(sniffing: try upload.read(at: 0, count: ArchiveFormat.sniffLength))
        guard [.zip, .gzip, .tar].contains(format) else {
            throw UnpackError(
                kind: .notAnArchive,
                entryPath: nil,
                message: "the upload is not a zip, tar or gzip archive"
            )
        }
        let destinationPath = destination.standardizedFileURL.path
        try Self.checkDestination(destinationPath)
        let parent = (destinationPath as NSString).deletingLastPathComponent
        let staging = "\(parent)/\(Self.stagingPrefix)\(UUID().uuidString)"
        try makeFolder(staging)
        var isInPlace = false
        do {
            try makeFolder("\(staging)/tree")
            try makeFolder("\(staging)/scratch")
            let session = ExtractionSession(
                limits: limits,
                uploadSize: upload.size,
                tree: OutputTree(root: "\(staging)/tree"),
                scratchFolder: "\(staging)/scratch"
            )
            try session.unpack(path: upload.path, format: format, site: .upload(named: upload.name))
            try session.tree.synchronizeFolders()
            try renameItem(from: "\(staging)/tree", to: destinationPath)
            isInPlace = true
            try OutputTree.synchronizeFolder(parent)
            try? FileManager.default.removeItem(atPath: staging)
            return ExtractionResult(format: format, files: session.files, skipped: session.skipped)
        } catch {
            if isInPlace {
                try? FileManager.default.removeItem(atPath: destinationPath)
            }
            try? FileManager.default.removeItem(atPath: staging)
            throw error as? UnpackError
                ?? UnpackError(kind: .fileSystem, entryPath: nil, message: "the upload could not be unpacked")
        }
    }

    /// Deletes staging folders that a crashed extraction left in `folder` (call at startup, before any
    /// extraction into `folder` runs).
    package static func removeAbandonedStagingFolders(in folder: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasPrefix(stagingPrefix) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name, isDirectory: true))
        }
    }

    /// The destination must be absent or an empty folder, so that the final rename cannot replace data.
    private static func checkDestination(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return
        }
        let isEmpty =
            isFolder.boolValue && ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [""]).isEmpty
        guard isEmpty else {
            throw UnpackError(
                kind: .fileSystem,
                entryPath: nil,
                message: "the upload could not be unpacked: its destination folder is already in use"
            )
        }
    }
}
