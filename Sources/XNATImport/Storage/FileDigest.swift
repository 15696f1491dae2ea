import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The MD5 and size of a file, read in one pass: what a catalog entry's `digest` and `size_in_bytes` record.
///
/// Blocking file IO: call from a thread that may block.
package enum FileDigest {
    /// Bytes read at a time.
    static let pieceSize = 1 << 20

    /// The file's MD5 (lowercase hex) and size in bytes; links are not followed.
    package static func md5(of url: URL) throws(StorageError) -> (digest: String, size: Int64) {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(.read, path: url.path) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var hasher = Insecure.MD5()
        var size: Int64 = 0
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: pieceSize) ?? Data()
            } catch {
                throw StorageError(.read, path: url.path, reason: String(describing: error))
            }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
    }
}
