#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renames `source` to `destination` on the same file system (atomic: the file appears whole or not at all).
func renameItem(from source: String, to destination: String) throws {
    guard rename(source, destination) == 0 else {
        throw FileSystemFailure("move", path: destination).unpackError
    }
}

/// Deletes a scratch file; a failure only leaves it for the staging folder's removal.
func removeScratch(_ path: String) {
    unlink(path)
}

/// Creates a folder that must not exist yet.
func makeFolder(_ path: String) throws {
    guard retryingOnInterrupt({ mkdir(path, 0o750) }) == 0 else {
        throw FileSystemFailure("create a folder for", path: path).unpackError
    }
}
