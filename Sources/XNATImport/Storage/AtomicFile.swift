import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes and moves files so that a reader sees a whole file or none: data goes to a hidden temporary file in the
/// same folder, is flushed to disk, then renamed over the final name; the folder is flushed after the rename.
///
/// Blocking file IO: call from a thread that may block.
package enum AtomicFile {
    /// The prefix of temporary files; a file of this name left by a crash is garbage.
    package static let temporaryPrefix = ".sluice-tmp-"

    /// Writes `bytes` to `url` atomically, replacing any file there; creates missing parent folders.
    package static func write(_ bytes: some DataProtocol, to url: URL) throws(StorageError) {
        let folder = url.deletingLastPathComponent()
        try createFolder(folder)
        let temporary = folder.appendingPathComponent(temporaryPrefix + UUID().uuidString, isDirectory: false)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw StorageError(.write, path: temporary.path) }
        var failed: StorageError?
        let data = Data(bytes)
        data.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let result = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0, errno == EINTR { continue }
                guard result > 0 else {
                    failed = StorageError(.write, path: url.path)
                    return
                }
                written += result
            }
        }
        if failed == nil, fsync(descriptor) != 0 { failed = StorageError(.write, path: url.path) }
        if close(descriptor) != 0, failed == nil { failed = StorageError(.write, path: url.path) }
        if let failed {
            unlink(temporary.path)
            throw failed
        }
        do {
            try move(temporary, to: url)
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Renames `source` to `destination` (same file system), replacing a file there, and flushes the destination
    /// folder; creates missing parent folders of `destination`. The source must already be on disk (a file
    /// flushed when it was written, a folder tree flushed with ``synchronizeTree(_:)``). When a whole folder moves
    /// (a session moved, archived or set aside), the folder it left is flushed too, so a power cut cannot show it
    /// in both places; a file's old name is in staging or in the same session, which recovery and the next build
    /// clean up, so files skip that second flush.
    ///
    /// `flushingFolder: false` leaves the destination folder's flush to the caller, who renames many files into
    /// few folders and flushes each folder once before answering (``synchronizeFolder(_:)``).
    package static func move(_ source: URL, to destination: URL, flushingFolder: Bool = true) throws(StorageError) {
        let folder = destination.deletingLastPathComponent()
        let movesFolder = isFolder(source.path, followingLinks: false)
        if rename(source.path, destination.path) != 0 {
            // Most renames go into a folder that exists: create the missing ones only when the rename says so.
            guard errno == ENOENT, !isFolder(folder.path) else { throw StorageError(.move, path: destination.path) }
            try createFolder(folder)
            guard rename(source.path, destination.path) == 0 else {
                throw StorageError(.move, path: destination.path)
            }
        }
        if flushingFolder { try synchronizeFolder(folder) }
        let origin = source.deletingLastPathComponent()
        if movesFolder, origin.standardizedFileURL.path != folder.standardizedFileURL.path {
            try synchronizeFolder(origin)
        }
    }

    /// `source` at `target` for an import to consume: a hard link when `linking` and links can be made (same file
    /// system), else a copy. Link only files nobody rewrites in place (user cache files are replaced by rename; an
    /// inbox folder kept after its import may be written to, so it is copied), as the prearchive shares the inode.
    package static func stage(_ source: URL, at target: URL, linking: Bool = true) throws {
        if linking, (try? FileManager.default.linkItem(at: source, to: target)) != nil { return }
        try FileManager.default.copyItem(at: source, to: target)
        try synchronizeFile(target)
    }

    /// Creates `folder` and its missing parents (mode 0750); each new folder's entry is flushed to disk (its
    /// parent folder is synced), so a file renamed into it later survives a power cut with its path.
    package static func createFolder(_ folder: URL) throws(StorageError) {
        var missing: [URL] = []
        var current = folder.standardizedFileURL
        while !isFolder(current.path), current.path != "/" {
            missing.append(current)
            current = current.deletingLastPathComponent()
        }
        guard !missing.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(
                at: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o750]
            )
        } catch {
            throw StorageError(.createFolder, path: folder.path)
        }
        // Deepest first: each new folder's parent holds its name.
        for created in missing {
            try synchronizeFolder(created.deletingLastPathComponent())
        }
    }

    /// Flushes every folder under `root` and `root` itself, deepest first, so the names linked or renamed into a
    /// folder tree built in staging are on disk before the tree is renamed into place. Links are not followed.
    package static func synchronizeTree(_ root: URL) throws(StorageError) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in entries {
            let child = root.appendingPathComponent(name, isDirectory: true)
            if isFolder(child.path, followingLinks: false) { try synchronizeTree(child) }
        }
        try synchronizeFolder(root)
    }

    /// Flushes a file's data to disk (after a copy); failures are reported.
    package static func synchronizeFile(_ file: URL) throws(StorageError) {
        let descriptor = open(file.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(.write, path: file.path) }
        defer { _ = close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StorageError(.write, path: file.path) }
    }

    private static func isFolder(_ path: String, followingLinks: Bool = true) -> Bool {
        // Opening with O_DIRECTORY succeeds only on a folder (O_NOFOLLOW: not through a link); cheaper than
        // FileManager's attributes, and no `stat` struct, whose members Swift's release builds attribute to
        // CoreFoundation on Linux.
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { return false }
        _ = close(descriptor)
        return true
    }

    /// Flushes a folder's entries (new names, renames) to disk. A file system that cannot flush folders (EINVAL)
    /// or a folder that cannot be opened is let be; any other failure, EIO above all, is thrown: the names may
    /// not be on disk, and after a failed fsync the kernel may already have dropped the pages (so a retry would
    /// report success for data that is gone).
    package static func synchronizeFolder(_ folder: URL) throws(StorageError) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { _ = close(descriptor) }
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw StorageError(.write, path: folder.path) }
    }
}

/// A file-system operation of the prearchive or archive that failed; a server-side problem (HTTP 500).
package struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done.
    package enum Operation: String, Sendable {
        case write = "write"
        case move = "move a file to"
        case createFolder = "create the folder"
        case read = "read"
        case remove = "remove"
    }

    /// What was being done.
    package var operation: Operation
    /// The path involved.
    package var path: String
    /// The C library's explanation, when there was one.
    package var reason: String

    /// An error for `operation` on `path`, with the current `errno` as the reason.
    package init(_ operation: Operation, path: String, reason: String? = nil) {
        self.operation = operation
        self.path = path
        self.reason = reason ?? String(cString: strerror(errno))
    }

    /// `Could not write /path: No space left on device`.
    package var description: String { "Could not \(operation.rawValue) \(path): \(reason)" }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
