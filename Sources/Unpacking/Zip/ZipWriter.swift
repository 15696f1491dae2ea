import Foundation
import ZIPFoundation

/// Writes a zip archive in pieces, without IO: each call returns the bytes to send next, and the caller sends
/// each entry's data itself between ``beginEntry(path:modificationDate:)`` and ``endEntry()``.
///
/// Entries are stored (method 0: DICOM barely compresses) and streamed: the local header has the data
/// descriptor flag (bit 3) and zero sizes and CRC-32, which follow the data in a data descriptor (APPNOTE 6.3.10,
/// §4.3.9). Names are UTF-8 (flag bit 11). Times are MS-DOS times in UTC. Entries are regular files, mode 0644,
/// made on Unix. Zip64 records are written only when needed: an entry's size or local header offset of
/// 0xFFFFFFFF or more (zip64 extra field, version needed 4.5, 8-byte sizes in its data descriptor), or 65,535
/// entries or more, or a central directory at or past 0xFFFFFFFF (zip64 end record and locator, §4.3.14–4.3.15).
///
/// Calls must come in order: `beginEntry`, any number of `entryData`, `endEntry`, … then `finish` once; anything
/// else is a programming error and stops the process (a precondition). A bad entry path is a thrown
/// ``UnpackError`` of kind ``UnpackError/Kind/unsafePath`` instead, since names come from files on disk.
///
/// ```swift
/// var zip = ZipWriter()
/// send(try zip.beginEntry(path: "session/scans/1.dcm", modificationDate: date))
/// zip.entryData(chunk); send(chunk)
/// send(zip.endEntry())
/// send(zip.finish())
/// ```
package struct ZipWriter {
    /// The entry being written.
    private struct OpenEntry {
        var nameBytes: [UInt8]
        var time: DOSDateTime
        var localHeaderOffset: UInt64
        var checksum: CRC32 = 0
        var size: UInt64 = 0
    }

    /// Finished entries, for the central directory.
    private var entries: [CentralRecord] = []
    private var openEntry: OpenEntry?
    private var isFinished = false
    /// Bytes returned or counted so far: where the next record starts.
    package private(set) var byteCount: UInt64

    /// How many entries have been finished.
    package var entryCount: Int { entries.count }

    /// Starts an empty archive.
    package init() {
        byteCount = 0
    }

    /// Starts an archive as if `offset` bytes came before it (offsets in the archive count them). Tests use it
    /// to reach zip64 offsets without 4 GiB of data.
    init(startingAt offset: UInt64) {
        byteCount = offset
    }

    /// Starts an entry and returns its local file header.
    ///
    /// - Parameters:
    ///   - path: The entry's name: relative, names separated by `/`, no empty, `.` or `..` name, no leading or
    ///     trailing `/`, no backslash, drive letter or NUL, each name at most 255 UTF-8 bytes.
    ///   - modificationDate: Stored as an MS-DOS date and time in UTC (1980 to 2107, clamped); `nil` stores
    ///     1980-01-01 00:00.
    /// - Throws: ``UnpackError`` of kind ``UnpackError/Kind/unsafePath`` when `path` breaks a rule above, or
    ///   ``UnpackError/Kind/pathTooLong`` when it is longer than 65,535 UTF-8 bytes.
    package mutating func beginEntry(path: String, modificationDate: Date?) throws(UnpackError) -> [UInt8] {
        precondition(!isFinished, "ZipWriter: beginEntry after finish")
        precondition(openEntry == nil, "ZipWriter: beginEntry before the previous entry's endEntry")
        try Self.checkEntryPath(path)
        let entry = OpenEntry(
            nameBytes: Array(path.utf8),
            time: DOSDateTime(modificationDate),
            localHeaderOffset: byteCount
        )
        let header = Self.localHeader(nameBytes: entry.nameBytes, time: entry.time)
        openEntry = entry
        byteCount += UInt64(header.count)
        return header
    }

    /// Counts `bytes` as the open entry's next data, for its size and CRC-32. It does not keep them: the caller
    /// sends the same bytes itself, right after the header or the previous data.
    package mutating func entryData(_ bytes: some Collection<UInt8>) {
        precondition(openEntry != nil, "ZipWriter: entryData outside an entry")
        let checksum = openEntry!.checksum
        let updated =
            bytes.withContiguousStorageIfAvailable { Self.crc32($0, checksum: checksum) }
            ?? Array(bytes).withUnsafeBufferPointer { Self.crc32($0, checksum: checksum) }
        openEntry!.checksum = updated
        openEntry!.size += UInt64(bytes.count)
        byteCount += UInt64(bytes.count)
    }

    /// Counts `count` bytes whose CRC-32, continued from the data so far, is `checksum`, without seeing them.
    /// Tests use it to reach zip64 sizes without 4 GiB of data.
    mutating func entryData(unseenCount count: UInt64, checksum: UInt32) {
        precondition(openEntry != nil, "ZipWriter: entryData outside an entry")
        openEntry!.checksum = checksum
        openEntry!.size += count
        byteCount += count
    }

    /// Ends the open entry and returns its data descriptor.
    package mutating func endEntry() -> [UInt8] {
        guard let entry = openEntry else {
            preconditionFailure("ZipWriter: endEntry outside an entry")
        }
        let record = CentralRecord(
            nameBytes: entry.nameBytes,
            time: entry.time,
            checksum: entry.checksum,
            size: entry.size,
            localHeaderOffset: entry.localHeaderOffset
        )
        let descriptor = Self.dataDescriptor(for: record)
        entries.append(record)
        openEntry = nil
        byteCount += UInt64(descriptor.count)
        return descriptor
    }

    /// Ends the archive: returns the central directory, the zip64 end record and locator when needed, and the end
    /// of central directory record. Nothing may be written after it.
    package mutating func finish() -> [UInt8] {
        precondition(!isFinished, "ZipWriter: finish called twice")
        precondition(openEntry == nil, "ZipWriter: finish before the last entry's endEntry")
        isFinished = true
        let directoryOffset = byteCount
        var bytes: [UInt8] = []
        for entry in entries {
            Self.appendCentralHeader(for: entry, to: &bytes)
        }
        let directorySize = UInt64(bytes.count)
        Self.appendEndRecords(
            entryCount: UInt64(entries.count),
            directorySize: directorySize,
            directoryOffset: directoryOffset,
            to: &bytes
        )
        entries = []
        byteCount += UInt64(bytes.count)
        return bytes
    }

    /// Throws unless `path` is a clean relative path: the extractor's rules (``EntryPath``) with nothing for it
    /// to normalise away.
    private static func checkEntryPath(_ path: String) throws(UnpackError) {
        let location = EntryLocation(format: .zip, entryPath: path)
        let normalised: String
        do {
            normalised = try EntryPath(validating: path).string
        } catch .componentTooLong {
            throw UnpackError(.pathTooLong, at: location, "cannot be written: a name in it is over 255 bytes")
        } catch {
            throw UnpackError(.unsafePath, at: location, "cannot be written: it is not a safe relative path")
        }
        guard normalised == path else {
            throw UnpackError(
                .unsafePath,
                at: location,
                "cannot be written: it has an empty or '.' name, or a leading or trailing '/'"
            )
        }
        guard path.utf8.count <= 0xFFFF else {
            throw UnpackError(.pathTooLong, at: location, "cannot be written: it is over 65,535 bytes")
        }
    }

    /// `checksum` continued over `buffer`.
    private static func crc32(_ buffer: UnsafeBufferPointer<UInt8>, checksum: CRC32) -> CRC32 {
        var crc = CRC32Checksum(checksum)
        crc.update(UnsafeRawBufferPointer(buffer))
        return crc.value
    }
}
