/// Where a zip's central directory is and how many entries it lists, from the end of central directory record
/// and, for zip64, its locator and zip64 record (PKWARE APPNOTE 6.3.10, §4.3.14–4.3.16).
///
/// The end record is looked for only in the last 64 KiB + 22 bytes (its comment is at most 65,535 bytes), the
/// nearest to the end first; ZIPFoundation 0.9.20 scans the whole file byte by byte, which is slow on a
/// large upload that has none.
struct ZipCentralDirectory {
    /// Entries the directory lists.
    let entryCount: Int64
    /// Where the directory starts.
    let offset: Int64
    /// Its length in bytes.
    let size: Int64

    private static let endRecordSize = 22
    private static let zip64LocatorSize = 20
    private static let zip64RecordSize = 56

    /// Reads the end records of `file`.
    init(file: ReadableFile, location: EntryLocation) throws {
        let tailLength = Int(min(file.size, Int64(Self.endRecordSize + 0xFFFF)))
        let tailStart = file.size - Int64(tailLength)
        let tail = try file.read(at: tailStart, count: tailLength)
        guard let end = Self.findEndRecord(in: tail) else {
            throw UnpackError(
                .truncated,
                at: location,
                "is cut short or damaged: its end of central directory record is missing"
            )
        }
        guard tail.littleEndianUInt16(at: end + 4) == 0, tail.littleEndianUInt16(at: end + 6) == 0 else {
            throw UnpackError(.unsupported, at: location, "is split across several files, which is not supported")
        }
        var entryCount = Int64(tail.littleEndianUInt16(at: end + 10))
        var size = Int64(tail.littleEndianUInt32(at: end + 12))
        var offset = Int64(tail.littleEndianUInt32(at: end + 16))
        var directoryEnd = tailStart + Int64(end)
        if entryCount == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            let zip64 = try Self.readZip64Record(file: file, endRecordOffset: directoryEnd, location: location)
            (entryCount, size, offset, directoryEnd) = zip64
        }
        guard offset >= 0, size >= 0, offset <= directoryEnd - size, entryCount <= size / 46 else {
            throw UnpackError(.corrupt, at: location, "has a central directory that does not fit in the file")
        }
        self.entryCount = entryCount
        self.size = size
        self.offset = offset
    }

    /// The offset in `tail` of the last end record signature whose comment length fits the bytes after it.
    private static func findEndRecord(in tail: [UInt8]) -> Int? {
        guard tail.count >= endRecordSize else {
            return nil
        }
        for start in stride(from: tail.count - endRecordSize, through: 0, by: -1)
        where tail[start] == 0x50 && tail.littleEndianUInt32(at: start) == 0x0605_4B50 {
            if Int(tail.littleEndianUInt16(at: start + 20)) <= tail.count - start - endRecordSize {
                return start
            }
        }
        return nil
    }

    /// Entry count, directory size and offset, and where the zip64 end record starts.
    private static func readZip64Record(
        file: ReadableFile,
        endRecordOffset: Int64,
        location: EntryLocation
    ) throws -> (Int64, Int64, Int64, Int64) {
        let locatorOffset = endRecordOffset - Int64(zip64LocatorSize)
        let locator = locatorOffset >= 0 ? try file.read(at: locatorOffset, count: zip64LocatorSize) : []
        guard locator.count == zip64LocatorSize, locator.littleEndianUInt32(at: 0) == 0x0706_4B50 else {
            throw UnpackError(.corrupt, at: location, "lacks the zip64 locator its end record calls for")
        }
        let recordOffset = locator.littleEndianUInt64(at: 8)
        guard recordOffset <= UInt64(locatorOffset) else {
            throw UnpackError(.corrupt, at: location, "has a zip64 locator that points outside the file")
        }
        let record = try file.read(at: Int64(recordOffset), count: zip64RecordSize)
        guard record.count == zip64RecordSize, record.littleEndianUInt32(at: 0) == 0x0606_4B50 else {
            throw UnpackError(.corrupt, at: location, "has a damaged zip64 end of central directory record")
        }
        let numbers = [32, 40, 48].map { record.littleEndianUInt64(at: $0) }
        guard numbers.allSatisfy({ $0 <= UInt64(Int64.max) }) else {
            throw UnpackError(.corrupt, at: location, "has impossible sizes in its zip64 end record")
        }
        return (Int64(numbers[0]), Int64(numbers[1]), Int64(numbers[2]), Int64(recordOffset))
    }
}
