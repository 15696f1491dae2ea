#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new file written with POSIX calls: created exclusively (never over an existing file or through a link),
/// written in pieces, and flushed to disk before it is renamed into place.
final class WritableFile {
    /// The file's path.
    let path: String
    private var descriptor: Int32

    /// Creates `path`, which must not exist, with mode 0640 (no execute bit, whatever the archive says).
    init(creating path: String) throws {
        let descriptor = retryingOnInterrupt {
            open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        }
        guard descriptor >= 0 else {
            throw FileSystemFailure("create", path: path).unpackError
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 {
            _ = closeDescriptor(descriptor)
        }
    }

    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var written = 0
        while written < bytes.count {
            let result = retryingOnInterrupt {
                writeDescriptor(descriptor, bytes.baseAddress! + written, bytes.count - written)
            }
            guard result > 0 else {
                throw FileSystemFailure("write", path: path).unpackError
            }
            written += result
        }
    }

    /// Flushes the file's data to disk (`fsync`) and closes it.
    func synchronizeAndClose() throws {
        guard retryingOnInterrupt({ fsync(descriptor) }) == 0 else {
            throw FileSystemFailure("save", path: path).unpackError
        }
        try close()
    }

    /// Closes the file without flushing it (for nested archives, which are read and deleted).
    func close() throws {
        let result = closeDescriptor(descriptor)
        descriptor = -1
        guard result == 0 else {
            throw FileSystemFailure("write", path: path).unpackError
        }
    }
}

// The methods above are named `write` and `close`, which hide the C functions inside the class.
private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
