#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call, kept as the ``UnpackError/underlying`` error of a ``UnpackError/Kind/fileSystem`` error.
struct FileSystemFailure: Error, Sendable, CustomStringConvertible {
    /// What was being done ("write", "rename", …).
    var operation: String
    /// The file or folder, for logs only: it never goes into ``UnpackError/message``.
    var path: String
    /// The `errno` value.
    var code: Int32

    /// A failure with the current `errno`.
    init(_ operation: String, path: String, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    var description: String {
        "\(operation) \(path): \(String(cString: strerror(code)))"
    }

    /// The error for the client: what failed, in words that do not reveal server paths.
    var unpackError: UnpackError {
        UnpackError(
            kind: .fileSystem,
            entryPath: nil,
            message: "the server could not \(operation) the unpacked files (\(String(cString: strerror(code))))",
            underlying: self
        )
    }
}

/// Calls `body` again while it fails with `EINTR`.
func retryingOnInterrupt<Result: BinaryInteger>(_ body: () -> Result) -> Result {
    while true {
        let result = body()
        if result >= 0 || errno != EINTR {
            return result
        }
    }
}
