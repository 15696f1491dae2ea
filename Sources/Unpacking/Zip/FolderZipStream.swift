import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a folder as a zip archive of stored entries (``ZipWriter``), for downloads of a session folder.
///
/// The walk is depth first with each folder's names sorted, so the same tree always gives the same entry order.
/// Only regular files become entries (folders are implied by the names); symbolic links are neither followed
/// nor included, nor are devices, FIFOs and sockets; names starting with `.` (files and folders) are skipped.
/// Files are read one 1 MiB chunk at a time with blocking `pread` calls, so memory stays bounded whatever the
/// folder holds; small files and headers are gathered into pieces of about 1 MiB before they reach the sink.
/// A file that grows or shrinks while it is read is zipped as read (its data descriptor gives the real size).
package struct FolderZipStream: Sendable {
    /// Bytes read from a file at a time, and the size the pieces given to the sink are gathered to.
    package static let chunkSize = 1 << 20

    /// The folder to zip.
    package let folder: URL
    /// Put before every entry's relative path, with a `/` between; empty for none.
    package let entryPrefix: String

    /// Zips `folder`'s files as entries named `<entryPrefix>/<path relative to folder>`.
    package init(folder: URL, entryPrefix: String) {
        self.folder = folder
        self.entryPrefix = entryPrefix
    }

    /// Writes the whole archive to `sink`, in order, in pieces of under 2 MiB (never empty), except that the
    /// central directory (about 100 bytes per file) may come whole at the end.
    ///
    /// - Throws: ``UnpackError`` of kind ``UnpackError/Kind/fileSystem`` when the folder or a file cannot be
    ///   listed or read, of kind ``UnpackError/Kind/unsafePath`` when an entry name is not a clean relative path
    ///   (a bad `entryPrefix`, or a file name that is not UTF-8); `CancellationError` when the task is cancelled
    ///   (checked between chunks); whatever `sink` throws. The sink may then have had part of the archive.
    package func write(to sink: ([UInt8]) async throws -> Void) async throws {
        var output = Output()
        var writer = ZipWriter()
        try await add(folder: folder.path, relativePath: "", writer: &writer, output: &output, sink: sink)
        try await output.send(writer.finish(), to: sink)
        try await output.flush(to: sink)
    }

    /// Adds the files under `path` (`relativePath` from ``folder``), sorted by name.
    private func add(
        folder path: String,
        relativePath: String,
        writer: inout ZipWriter,
        output: inout Output,
        sink: ([UInt8]) async throws -> Void
    ) async throws {
        for name in try Self.names(in: path, relativePath: relativePath).sorted() where !name.hasPrefix(".") {
            let childPath = path + "/" + name
            let childRelativePath = relativePath.isEmpty ? name : relativePath + "/" + name
            var status = stat()
            guard lstat(childPath, &status) == 0 else {
                throw Self.failure("read", childRelativePath)
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                try await add(
                    folder: childPath,
                    relativePath: childRelativePath,
                    writer: &writer,
                    output: &output,
                    sink: sink
                )
            case S_IFREG:
                let entryPath = entryPrefix.isEmpty ? childRelativePath : entryPrefix + "/" + childRelativePath
                let date = Date(timeIntervalSince1970: TimeInterval(Self.modificationSeconds(status)))
                try await output.send(writer.beginEntry(path: entryPath, modificationDate: date), to: sink)
                try await addData(
                    of: childPath,
                    relativePath: childRelativePath,
                    writer: &writer,
                    output: &output,
                    sink: sink
                )
                try await output.send(writer.endEntry(), to: sink)
            default:
                continue  // symbolic link, device, FIFO or socket
            }
        }
    }

    /// Sends the file at `path` one chunk at a time, counting each chunk in `writer`.
    private func addData(
        of path: String,
        relativePath: String,
        writer: inout ZipWriter,
        output: inout Output,
        sink: ([UInt8]) async throws -> Void
    ) async throws {
        let file: ReadableFile
        do {
            file = try ReadableFile(path: path)
        } catch {
            throw Self.failure("open", relativePath, code: Self.code(of: error))
        }
        var offset: Int64 = 0
        while true {
            try Task.checkCancellation()
            let chunk: [UInt8]
            do {
                chunk = try file.read(at: offset, count: Self.chunkSize)
            } catch {
                throw Self.failure("read", relativePath, code: Self.code(of: error))
            }
            writer.entryData(chunk)
            try await output.send(chunk, to: sink)
            offset += Int64(chunk.count)
            if chunk.count < Self.chunkSize {
                return
            }
        }
    }

    /// The names in the folder at `path`, `.` and `..` included, unsorted.
    private static func names(in path: String, relativePath: String) throws -> [String] {
        guard let directory = opendir(path) else {
            throw failure("list", relativePath)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 {
                    throw failure("list", relativePath)
                }
                return names
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(validatingCString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard let name else {
                throw UnpackError(
                    kind: .unsafePath,
                    entryPath: relativePath,
                    message: "a file name in \(EntryLocation.quoted(relativePath)) is not UTF-8 and cannot be zipped"
                )
            }
            names.append(name)
        }
    }

    private static func modificationSeconds(_ status: stat) -> Int {
        #if canImport(Darwin)
        Int(status.st_mtimespec.tv_sec)
        #else
        Int(status.st_mtim.tv_sec)
        #endif
    }

    /// The `errno` of a ``ReadableFile`` error.
    private static func code(of error: any Error) -> Int32 {
        ((error as? UnpackError)?.underlying as? FileSystemFailure)?.code ?? EIO
    }

    /// A file-system error (`errno` by default); the message names the file relative to the folder only.
    private static func failure(_ operation: String, _ relativePath: String, code: Int32 = errno) -> UnpackError {
        let failure = FileSystemFailure(operation, path: relativePath, code: code)
        let what = relativePath.isEmpty ? "the folder" : EntryLocation.quoted(relativePath)
        return UnpackError(
            kind: .fileSystem,
            entryPath: relativePath.isEmpty ? nil : relativePath,
            message: "the server could not \(operation) \(what) to zip it (\(String(cString: strerror(failure.code))))",
            underlying: failure
        )
    }
}

/// Gathers small pieces (headers, descriptors, small files) into pieces of about ``FolderZipStream/chunkSize``
/// before they go to the sink; a full chunk with nothing pending goes straight through.
private struct Output {
    var pending: [UInt8] = []

    mutating func send(_ bytes: [UInt8], to sink: ([UInt8]) async throws -> Void) async throws {
        if pending.isEmpty, bytes.count >= FolderZipStream.chunkSize {
            try await sink(bytes)
            return
        }
        pending.append(contentsOf: bytes)
        if pending.count >= FolderZipStream.chunkSize {
            try await flush(to: sink)
        }
    }

    mutating func flush(to sink: ([UInt8]) async throws -> Void) async throws {
        guard !pending.isEmpty else {
            return
        }
        let piece = pending
        pending = []
        try await sink(piece)
    }
}
