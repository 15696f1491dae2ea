import Foundation
import NIOCore
import ZIPFoundation

/// Streams one zip entry's data out of the archive: checks its local header against the central directory,
/// inflates it within its compressed size, and checks its size and CRC-32.
///
/// ZIPFoundation's own reader is not used for data: on Linux, 0.9.20's `Data.decode` loops forever when a
/// deflate stream does not end before the end of the file (weichsel/ZIPFoundation#389), so a 200-byte upload
/// could hold a server thread at 100% CPU, and it reads past the entry's compressed size. Nor is its CRC-32: see ``CRC32Checksum``.
enum ZipEntryReader {
    private static let localHeaderSize = 30
    private static let chunkSize = 1 << 16

    /// Reads `record`'s data from `file`, passing each piece of uncompressed bytes to `consume`.
    static func read(
        _ record: ZipEntryRecord,
        from file: ReadableFile,
        location: EntryLocation,
        into consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let dataOffset = try checkLocalHeader(of: record, in: file, location: location)
        var checksum = CRC32Checksum()
        var produced: Int64 = 0
        let emit = { (bytes: UnsafeRawBufferPointer) throws in
            guard !bytes.isEmpty else {
                return
            }
            produced += Int64(bytes.count)
            guard produced <= record.uncompressedSize else {
                throw UnpackError(.corrupt, at: location, "holds more data than its header says")
            }
            checksum.update(bytes)
            try consume(bytes)
        }
        switch record.method {
        case 0:
            guard record.compressedSize == record.uncompressedSize else {
                throw UnpackError(.corrupt, at: location, "is stored with two different sizes")
            }
            try readStored(record, from: file, at: dataOffset, location: location, emit: emit)
        case 8:
            try inflate(record, from: file, at: dataOffset, location: location, emit: emit)
        default:
            throw unsupportedMethod(record.method, at: location)
        }
        guard produced == record.uncompressedSize else {
            throw UnpackError(.corrupt, at: location, "holds less data than its header says")
        }
        guard checksum.value == record.checksum else {
            throw UnpackError(.corrupt, at: location, "fails its CRC-32 check")
        }
    }

    /// The error for a compression method other than stored (0) and deflate (8).
    static func unsupportedMethod(_ method: UInt16, at location: EntryLocation) -> UnpackError {
        let names: [UInt16: String] = [
            9: "deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd",
        ]
        let name = names[method].map { " (\($0))" } ?? ""
        return UnpackError(
            .unsupported,
            at: location,
            "uses compression method \(method)\(name); only stored and deflate entries can be read"
        )
    }

    /// Checks the local file header (APPNOTE §4.3.7: signature 0, flags 6, method 8, name length 26, extra
    /// length 28, name 30) and returns where the data starts.
    private static func checkLocalHeader(
        of record: ZipEntryRecord,
        in file: ReadableFile,
        location: EntryLocation
    ) throws -> Int64 {
        let header = try file.read(at: record.localHeaderOffset, count: localHeaderSize)
        guard header.count == localHeaderSize, header.littleEndianUInt32(at: 0) == 0x0403_4B50 else {
            throw UnpackError(.corrupt, at: location, "has no local header where the central directory says")
        }
        let nameLength = Int(header.littleEndianUInt16(at: 26))
        let name = try file.read(at: record.localHeaderOffset + Int64(localHeaderSize), count: nameLength)
        guard name == record.nameBytes, header.littleEndianUInt16(at: 8) == record.method else {
            throw UnpackError(.corrupt, at: location, "has a local header that disagrees with the central directory")
        }
        guard header.littleEndianUInt16(at: 6) & 0x0041 == 0 else {
            throw UnpackError(.encryptedEntry, at: location, "is encrypted; encrypted zip entries are not accepted")
        }
        let dataOffset =
            record.localHeaderOffset + Int64(localHeaderSize + nameLength)
            + Int64(header.littleEndianUInt16(at: 28))
        guard dataOffset <= file.size, record.compressedSize <= file.size - dataOffset else {
            throw UnpackError(.truncated, at: location, "is cut short: its data runs past the end of the file")
        }
        return dataOffset
    }

    private static func readStored(
        _ record: ZipEntryRecord,
        from file: ReadableFile,
        at dataOffset: Int64,
        location: EntryLocation,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var buffer = ByteBufferAllocator().buffer(capacity: chunkSize)
        var done: Int64 = 0
        while done < record.compressedSize {
            buffer.clear()
            let count = Int(min(Int64(chunkSize), record.compressedSize - done))
            guard try file.read(at: dataOffset + done, count: count, appendingTo: &buffer) == count else {
                throw UnpackError(.truncated, at: location, "is cut short: its data runs past the end of the file")
            }
            try buffer.withUnsafeReadableBytes(emit)
            done += Int64(count)
        }
    }

    private static func inflate(
        _ record: ZipEntryRecord,
        from file: ReadableFile,
        at dataOffset: Int64,
        location: EntryLocation,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        do {
            let inflater = try Inflater(.rawDeflate)
            var input = ByteBufferAllocator().buffer(capacity: chunkSize)
            var done: Int64 = 0
            while done < record.compressedSize, !inflater.hasEnded {
                input.clear()
                let count = Int(min(Int64(chunkSize), record.compressedSize - done))
                guard try file.read(at: dataOffset + done, count: count, appendingTo: &input) == count else {
                    throw UnpackError(.truncated, at: location, "is cut short: its data runs past the end of the file")
                }
                done += Int64(count)
                try inflater.inflate(&input) { output in try output.withUnsafeReadableBytes(emit) }
            }
            guard inflater.hasEnded else {
                throw UnpackError(.corrupt, at: location, "has compressed data that stops before its end")
            }
        } catch Inflater.Problem.corrupt(let reason) {
            throw UnpackError(.corrupt, at: location, "has damaged compressed data (zlib: \(reason))")
        }
    }
}
