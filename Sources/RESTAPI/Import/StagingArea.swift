import Foundation
import _NIOFileSystem

/// Where uploads are staged: each one is a new `.upload-<UUID>` file in one folder, created exclusively, written with
/// NIO's file system (on its thread pool, never on an event loop), synced before it is handed over, and removed when
/// anything fails.
struct StagingArea {
    /// The folder that holds the staged files; it must exist.
    var folder: URL

    /// Creates a staged file, lets `write` fill it through a buffered writer, then flushes and fsyncs it.
    ///
    /// If anything throws (`write`'s own refusals, the request body when the client disconnects, the disk), the file
    /// is closed and removed and the error rethrown.
    func stage<Result>(
        _ write: (inout BufferedWriter<WriteFileHandle>) async throws -> Result
    ) async throws -> (file: URL, result: Result) {
        let file = folder.appending(path: ".upload-\(UUID().uuidString)", directoryHint: .notDirectory)
        // O_CREAT | O_EXCL, no transactional (hidden temporary) creation: the name is already private.
        let options = OpenOptions.Write(
            existingFile: .none,
            newFile: OpenOptions.NewFile(transactionalCreation: false)
        )
        do {
            let result = try await FileSystem.shared.withFileHandle(
                forWritingAt: FilePath(file.path(percentEncoded: false)),
                options: options
            ) { handle in
                var writer = handle.bufferedWriter()
                let result = try await write(&writer)
                try await writer.flush()
                try await handle.synchronize()
                return result
            }
            return (file, result)
        } catch {
            await remove(file)
            throw error
        }
    }

    /// Removes a staged file, also from a cancelled task; a file that is already gone is not an error.
    func remove(_ file: URL) async {
        let path = FilePath(file.path(percentEncoded: false))
        // A new task does not inherit cancellation, and NIO's file system refuses work in a cancelled task.
        _ = try? await Task {
            try await FileSystem.shared.removeItem(at: path, recursively: false)
        }.value
    }
}
