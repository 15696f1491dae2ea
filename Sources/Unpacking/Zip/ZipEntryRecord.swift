/// One central directory file header (PKWARE APPNOTE 6.3.10, §4.3.12), with zip64 sizes applied (§4.5.3).
///
/// Offsets: signature 0, version made by 4 (host system in the high byte), flags 8, method 10, CRC-32 16,
/// compressed size 20, uncompressed size 24, name length 28, extra length 30, comment length 32, disk 34,
/// external attributes 38 (Unix mode in the high 16 bits), local header offset 42, name 46.
struct ZipEntryRecord {
    /// The name's bytes as stored.
    let nameBytes: [UInt8]
    /// The name decoded: UTF-8 when flagged or valid, else code page 437 (APPNOTE appendix D).
    let name: String
    /// General purpose flags: bit 0 encrypted, bit 6 strong encryption, bit 11 UTF-8 name.
    let flags: UInt16
    /// Compression method: 0 stored, 8 deflate.
    let method: UInt16
    /// The CRC-32 of the uncompressed data.
    let checksum: UInt32
    let compressedSize: Int64
    let uncompressedSize: Int64
    let localHeaderOffset: Int64
    /// File, folder, link or special file, from the Unix mode when the host system is Unix or macOS.
    let kind: EntryKind
    /// Where the next record starts.
    let nextOffset: Int64

    private static let fixedSize = 46

    /// Whether the entry is encrypted (traditional, strong, or WinZip AES: method 99).
    var isEncrypted: Bool {
        flags & 0x0001 != 0 || flags & 0x0040 != 0 || method == 99
    }

    /// Reads the record at `offset`, which must end by `end`.
    init(file: ReadableFile, at offset: Int64, end: Int64, location: EntryLocation) throws {
        let header = offset <= end - Int64(Self.fixedSize) ? try file.read(at: offset, count: Self.fixedSize) : []
        guard header.count == Self.fixedSize, header.littleEndianUInt32(at: 0) == 0x0201_4B50 else {
            throw UnpackError(.corrupt, at: location, "has a damaged central directory at byte \(offset)")
        }
        let nameLength = Int(header.littleEndianUInt16(at: 28))
        let extraLength = Int(header.littleEndianUInt16(at: 30))
        let variableLength = nameLength + extraLength + Int(header.littleEndianUInt16(at: 32))
        let variableStart = offset + Int64(Self.fixedSize)
        let variable =
            variableStart <= end - Int64(variableLength)
            ? try file.read(at: variableStart, count: variableLength) : []
        guard variable.count == variableLength else {
            throw UnpackError(.corrupt, at: location, "has a damaged central directory at byte \(offset)")
        }
        nameBytes = Array(variable[0..<nameLength])
        flags = header.littleEndianUInt16(at: 8)
        name = Self.decodeName(nameBytes, isUTF8: flags & 0x0800 != 0)
        method = header.littleEndianUInt16(at: 10)
        checksum = header.littleEndianUInt32(at: 16)
        let extra = Array(variable[nameLength..<(nameLength + extraLength)])
        let sizes = try Self.zip64Values(
            compressed: header.littleEndianUInt32(at: 20),
            uncompressed: header.littleEndianUInt32(at: 24),
            localHeaderOffset: header.littleEndianUInt32(at: 42),
            extra: extra,
            location: location.entry(name)
        )
        (compressedSize, uncompressedSize, localHeaderOffset) = sizes
        kind = Self.kind(
            host: UInt8(header.littleEndianUInt16(at: 4) >> 8),
            attributes: header.littleEndianUInt32(at: 38),
            name: name
        )
        nextOffset = variableStart + Int64(variableLength)
    }

    /// The sizes and offset, taking each 0xFFFFFFFF one from the zip64 extra field (tag 0x0001), in the order
    /// uncompressed, compressed, local header offset.
    private static func zip64Values(
        compressed: UInt32,
        uncompressed: UInt32,
        localHeaderOffset: UInt32,
        extra: [UInt8],
        location: EntryLocation
    ) throws -> (Int64, Int64, Int64) {
        var values = [uncompressed, compressed, localHeaderOffset].map(UInt64.init)
        guard values.contains(0xFFFF_FFFF) else {
            return (Int64(values[1]), Int64(values[0]), Int64(values[2]))
        }
        var fields = extra[...]
        while fields.count >= 4 {
            let tag = UInt16(fields[fields.startIndex]) | UInt16(fields[fields.startIndex + 1]) << 8
            let length = Int(UInt16(fields[fields.startIndex + 2]) | UInt16(fields[fields.startIndex + 3]) << 8)
            let data = Array(fields.dropFirst(4).prefix(length))
            fields = fields.dropFirst(4 + length)
            guard tag == 0x0001 else {
                continue
            }
            var position = 0
            for index in values.indices where values[index] == 0xFFFF_FFFF {
                guard position + 8 <= data.count else {
                    throw UnpackError(.corrupt, at: location, "has a damaged zip64 extra field")
                }
                values[index] = data.littleEndianUInt64(at: position)
                position += 8
            }
            break
        }
        guard values.allSatisfy({ $0 <= UInt64(Int64.max) && $0 != 0xFFFF_FFFF }) else {
            throw UnpackError(.corrupt, at: location, "has sizes that its zip64 extra field does not give")
        }
        return (Int64(values[1]), Int64(values[0]), Int64(values[2]))
    }

    /// The entry kind: a Unix mode decides when the host is Unix (3) or macOS (19); a trailing `/` or the
    /// MS-DOS folder attribute (0x10) marks a folder.
    private static func kind(host: UInt8, attributes: UInt32, name: String) -> EntryKind {
        let mode = (host == 3 || host == 19) ? (attributes >> 16) & 0o170000 : 0
        switch mode {
        case 0o120000: return .symbolicLink
        case 0o040000: return .folder
        case 0o010000, 0o020000, 0o060000, 0o140000: return .special
        default: break
        }
        if name.hasSuffix("/") || (host == 0 && attributes & 0x10 != 0) {
            return .folder
        }
        return .file
    }

    /// UTF-8 when bit 11 says so or when the bytes are valid UTF-8 (many tools write UTF-8 without the flag);
    /// else code page 437, the zip default.
    private static func decodeName(_ bytes: [UInt8], isUTF8: Bool) -> String {
        if isUTF8 {
            return String(decoding: bytes, as: UTF8.self)
        }
        if let name = String(validating: bytes, as: UTF8.self) {
            return name
        }
        return String(bytes.map { $0 < 0x80 ? Character(UnicodeScalar($0)) : CodePage437.characters[Int($0 - 0x80)] })
    }
}
