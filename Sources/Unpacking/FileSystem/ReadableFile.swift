import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading with POSIX calls and read at explicit offsets (`pread`), for the upload and for
/// nested archives.
final class ReadableFile {
    /// The file's size when it was opened.
    let size: Int64
    /// The path it was opened with.
    let path: String
    private let descriptor: Int32

    /// The last name of ``path``.
    var name: String {
        String(path.split(separator: "/").last ?? "")
    }

    /// Opens `path` for reading; a symbolic link is refused (`O_NOFOLLOW`).
    init(path: String) throws {
        let descriptor = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
        guard descriptor >= 0 else {
            throw FileSystemFailure("read", path: path).unpackError
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let failure = FileSystemFailure("read", path: path)
            close(descriptor)
            throw failure.unpackError
        }
        self.descriptor = descriptor
        self.path = path
        self.size = Int64(status.st_size)
    }

    deinit {
        close(descriptor)
    }

    /// Up to `count` bytes from `offset`; fewer only at the end of the file.
    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = try bytes.withUnsafeMutableBytes { try self.read(at: offset, into: $0) }
        bytes.removeLast(count - read)
        return bytes
    }

    /// Appends up to `count` bytes from `offset` to `buffer`; returns how many (fewer only at the end of the file).
    func read(at offset: Int64, count: Int, appendingTo buffer: inout ByteBuffer) throws -> Int {
        try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { space in
            try self.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: space.prefix(count)))
        }
    }

    private func read(at offset: Int64, into space: UnsafeMutableRawBufferPointer) throws -> Int {
        var total = 0
        while total < space.count {
            let read = retryingOnInterrupt {
                pread(descriptor, space.baseAddress! + total, space.count - total, off_t(offset) + off_t(total))
            }
            guard read >= 0 else {
                throw FileSystemFailure("read", path: path).unpackError
            }
            if read == 0 {
                break
            }
            total += read
        }
        return total
    }
}
