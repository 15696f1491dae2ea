import Crypto
import ECAT
import Foundation

/// Reads ECAT 7 files on disk for the session importer and the PET session build (`xnat-import-spec.md` §12):
/// only the byte ranges the `ECAT` target's reader asks for (main header, matrix directory, subheaders), never
/// the pixel data, and separately the MD5 of the whole file. Blocking file IO: call from a thread that may block.
package enum ECATFileReading {
    /// The size of the pieces files are hashed in.
    static let pieceSize = 1 << 20

    /// Whether the file at `url` starts with the ECAT 7 magic number `MATRIX7`; `false` when it cannot be read.
    package static func isECAT7(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: ECATMainHeader.magicPrefix.count)) ?? Data()
        return ECATReader.isECAT7(head)
    }

    /// The headers of the ECAT 7 file at `url`.
    ///
    /// - Throws: `ECATParseError` when the file is not a readable ECAT 7 file, ``StorageError`` when it cannot be
    ///   read at all.
    package static func readHeaders(_ url: URL) throws -> ECATFile {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw StorageError(.read, path: url.path, reason: String(describing: error))
        }
        defer { try? handle.close() }
        func read(_ range: Range<Int>) throws(StorageError) -> Data {
            do {
                try handle.seek(toOffset: UInt64(range.lowerBound))
                return try handle.read(upToCount: range.count) ?? Data()
            } catch {
                throw StorageError(.read, path: url.path, reason: String(describing: error))
            }
        }
        let size: Int
        do {
            size = Int(try handle.seekToEnd())
        } catch {
            throw StorageError(.read, path: url.path, reason: String(describing: error))
        }
        var reader = try ECATReader(mainHeaderBytes: try read(0..<min(size, ECATMainHeader.size)), fileSize: size)
        while let request = reader.nextRequest {
            try reader.supply(try read(request.range))
        }
        return try reader.finish()
    }

    /// The lowercase hex MD5 and the size of the file at `url`.
    package static func digest(_ url: URL) throws(StorageError) -> (md5: String, size: Int64) {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var hasher = Insecure.MD5()
            var size: Int64 = 0
            while let chunk = try handle.read(upToCount: pieceSize), !chunk.isEmpty {
                hasher.update(data: chunk)
                size += Int64(chunk.count)
            }
            return (SessionFolderReader.hex(hasher.finalize()), size)
        } catch {
            throw StorageError(.read, path: url.path, reason: String(describing: error))
        }
    }
}
