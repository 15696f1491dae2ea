import Foundation

/// What the central directory needs of a finished entry.
struct CentralRecord {
    var nameBytes: [UInt8]
    var time: DOSDateTime
    var checksum: UInt32
    var size: UInt64
    var localHeaderOffset: UInt64

    /// Whether the size needs zip64: 0xFFFFFFFF itself means "see the zip64 extra field".
    var hasZip64Size: Bool { size >= 0xFFFF_FFFF }
    var hasZip64Offset: Bool { localHeaderOffset >= 0xFFFF_FFFF }
}

/// An MS-DOS date and time (APPNOTE §4.4.6): time is hour << 11 | minute << 5 | second / 2, date is
/// (year - 1980) << 9 | month << 5 | day.
struct DOSDateTime: Equatable {
    var time: UInt16
    var date: UInt16

    init(time: UInt16, date: UInt16) {
        self.time = time
        self.date = date
    }

    private static let earliest: Int64 = 315_532_800  // 1980-01-01 00:00:00 UTC
    private static let latest: Int64 = 4_354_819_198  // 2107-12-31 23:59:58 UTC

    /// `date` in UTC, clamped to what MS-DOS times can hold; `nil` (or not a number) is 1980-01-01 00:00.
    init(_ date: Date?) {
        let interval = date?.timeIntervalSince1970 ?? 0
        let seconds =
            interval.isNaN ? Self.earliest : Int64(min(max(interval, Double(Self.earliest)), Double(Self.latest)))
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        // Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days; days > 0 here).
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.date = UInt16((year - 1980) << 9 | month << 5 | day)
        self.time = UInt16((secondOfDay / 3_600) << 11 | (secondOfDay % 3_600 / 60) << 5 | (secondOfDay % 60 / 2))
    }
}

extension ZipWriter {
    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let dataDescriptorSignature: UInt32 = 0x0807_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let zip64EndRecordSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let endRecordSignature: UInt32 = 0x0605_4B50

    /// General purpose flags: bit 3 (sizes and CRC-32 in a data descriptor) and bit 11 (UTF-8 name).
    private static let flags: UInt16 = 0x0808
    /// Version made by: Unix (3) in the high byte, APPNOTE 6.3 in the low byte.
    private static let versionMadeBy: UInt16 = 3 << 8 | 63
    /// External attributes: a regular file with mode 0644, in the high 16 bits (Unix hosts).
    private static let externalAttributes: UInt32 = 0o100644 << 16

    /// The local file header (§4.3.7): version 2.0, stored, CRC-32 and sizes 0 (in the data descriptor), no extra.
    static func localHeader(nameBytes: [UInt8], time: DOSDateTime) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(30 + nameBytes.count)
        bytes.appendLittleEndian(localHeaderSignature)
        bytes.appendLittleEndian(UInt16(20))
        bytes.appendLittleEndian(flags)
        bytes.appendLittleEndian(UInt16(0))  // method: stored
        bytes.appendLittleEndian(time.time)
        bytes.appendLittleEndian(time.date)
        bytes.appendLittleEndian(UInt32(0))  // CRC-32
        bytes.appendLittleEndian(UInt32(0))  // compressed size
        bytes.appendLittleEndian(UInt32(0))  // uncompressed size
        bytes.appendLittleEndian(UInt16(nameBytes.count))
        bytes.appendLittleEndian(UInt16(0))  // extra field length
        bytes.append(contentsOf: nameBytes)
        return bytes
    }

    /// The data descriptor (§4.3.9): signature, CRC-32, then compressed and uncompressed sizes, 8 bytes each when
    /// the size needs zip64 and 4 otherwise (16 or 24 bytes).
    static func dataDescriptor(for entry: CentralRecord) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendLittleEndian(dataDescriptorSignature)
        bytes.appendLittleEndian(entry.checksum)
        for _ in 0..<2 {
            if entry.hasZip64Size {
                bytes.appendLittleEndian(entry.size)
            } else {
                bytes.appendLittleEndian(UInt32(entry.size))
            }
        }
        return bytes
    }

    /// Appends the central directory file header (§4.3.12), with a zip64 extra field (§4.5.3: uncompressed
    /// size, compressed size, local header offset, each only when its header field is 0xFFFFFFFF) when needed.
    static func appendCentralHeader(for entry: CentralRecord, to bytes: inout [UInt8]) {
        var zip64Values: [UInt64] = []
        if entry.hasZip64Size {
            zip64Values += [entry.size, entry.size]
        }
        if entry.hasZip64Offset {
            zip64Values.append(entry.localHeaderOffset)
        }
        let extraLength = zip64Values.isEmpty ? 0 : 4 + 8 * zip64Values.count
        let size32 = entry.hasZip64Size ? 0xFFFF_FFFF : UInt32(entry.size)
        bytes.appendLittleEndian(centralHeaderSignature)
        bytes.appendLittleEndian(versionMadeBy)
        bytes.appendLittleEndian(UInt16(zip64Values.isEmpty ? 20 : 45))
        bytes.appendLittleEndian(flags)
        bytes.appendLittleEndian(UInt16(0))  // method: stored
        bytes.appendLittleEndian(entry.time.time)
        bytes.appendLittleEndian(entry.time.date)
        bytes.appendLittleEndian(entry.checksum)
        bytes.appendLittleEndian(size32)  // compressed size
        bytes.appendLittleEndian(size32)  // uncompressed size
        bytes.appendLittleEndian(UInt16(entry.nameBytes.count))
        bytes.appendLittleEndian(UInt16(extraLength))
        bytes.appendLittleEndian(UInt16(0))  // comment length
        bytes.appendLittleEndian(UInt16(0))  // disk number start
        bytes.appendLittleEndian(UInt16(0))  // internal attributes
        bytes.appendLittleEndian(externalAttributes)
        bytes.appendLittleEndian(entry.hasZip64Offset ? 0xFFFF_FFFF : UInt32(entry.localHeaderOffset))
        bytes.append(contentsOf: entry.nameBytes)
        if !zip64Values.isEmpty {
            bytes.appendLittleEndian(UInt16(0x0001))
            bytes.appendLittleEndian(UInt16(8 * zip64Values.count))
            for value in zip64Values {
                bytes.appendLittleEndian(value)
            }
        }
    }

    /// Appends the end of central directory record (§4.3.16), preceded by the zip64 end of central directory
    /// record and locator (§4.3.14–4.3.15) when the count, size or offset does not fit; the end record's fields
    /// are then all 0xFFFF or 0xFFFFFFFF, pointing readers to the zip64 record.
    static func appendEndRecords(
        entryCount: UInt64,
        directorySize: UInt64,
        directoryOffset: UInt64,
        to bytes: inout [UInt8]
    ) {
        let needsZip64 = entryCount >= 0xFFFF || directorySize >= 0xFFFF_FFFF || directoryOffset >= 0xFFFF_FFFF
        if needsZip64 {
            let recordOffset = directoryOffset + directorySize
            bytes.appendLittleEndian(zip64EndRecordSignature)
            bytes.appendLittleEndian(UInt64(44))  // size of the rest of the record
            bytes.appendLittleEndian(versionMadeBy)
            bytes.appendLittleEndian(UInt16(45))  // version needed
            bytes.appendLittleEndian(UInt32(0))  // this disk
            bytes.appendLittleEndian(UInt32(0))  // disk with the central directory
            bytes.appendLittleEndian(entryCount)  // entries on this disk
            bytes.appendLittleEndian(entryCount)  // entries in all
            bytes.appendLittleEndian(directorySize)
            bytes.appendLittleEndian(directoryOffset)
            bytes.appendLittleEndian(zip64LocatorSignature)
            bytes.appendLittleEndian(UInt32(0))  // disk with the zip64 end record
            bytes.appendLittleEndian(recordOffset)
            bytes.appendLittleEndian(UInt32(1))  // disks in all
        }
        bytes.appendLittleEndian(endRecordSignature)
        bytes.appendLittleEndian(UInt16(0))  // this disk
        bytes.appendLittleEndian(UInt16(0))  // disk with the central directory
        for _ in 0..<2 {
            bytes.appendLittleEndian(needsZip64 ? 0xFFFF : UInt16(entryCount))
        }
        bytes.appendLittleEndian(needsZip64 ? 0xFFFF_FFFF : UInt32(directorySize))
        bytes.appendLittleEndian(needsZip64 ? 0xFFFF_FFFF : UInt32(directoryOffset))
        bytes.appendLittleEndian(UInt16(0))  // comment length
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` little-endian (zip numbers are little-endian; APPNOTE §4.4.1.1).
    mutating func appendLittleEndian(_ value: some FixedWidthInteger) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
