/// The fields of one 512-byte tar header block (POSIX.1-2008 `pax`, "ustar Interchange Format"; GNU tar manual,
/// "Basic Tar Format").
///
/// Offsets: name 0–99, mode 100, uid 108, gid 116, size 124–135, mtime 136, checksum 148–155, type flag 156,
/// link name 157–256, magic 257–262, version 263, uname 265, gname 297, devmajor 329, devminor 337,
/// prefix 345–499 (POSIX `ustar\0` only; GNU `ustar  \0` keeps other fields there, with the old sparse
/// "is extended" flag at 482).
struct TarHeaderBlock {
    /// Bytes in a tar block.
    static let size = 512

    /// The name field, with the ustar prefix joined in front when there is one.
    let name: String
    /// The link name field.
    let linkName: String
    /// The type flag byte.
    let typeFlag: UInt8
    /// The size field (octal, or base-256 when the first byte has its high bit set).
    let size: Int64
    /// GNU old sparse format: extension blocks of sparse maps follow this header.
    let hasSparseExtensions: Bool

    /// Parses a block that is not all zeros; `nil` when the checksum or a numeric field is wrong.
    init?(_ block: [UInt8]) {
        precondition(block.count == Self.size)
        guard Self.hasValidChecksum(block), let size = Self.number(block[124..<136]), size >= 0 else {
            return nil
        }
        let isPOSIX = block[257..<263].elementsEqual("ustar\u{0}".utf8)
        let isGNU = block[257..<265].elementsEqual("ustar  \u{0}".utf8)
        let name = Self.string(block[0..<100])
        let prefix = isPOSIX ? Self.string(block[345..<500]) : ""
        self.name = prefix.isEmpty ? name : prefix + "/" + name
        self.linkName = Self.string(block[157..<257])
        self.typeFlag = block[156]
        self.size = size
        self.hasSparseExtensions = isGNU && block[156] == UInt8(ascii: "S") && block[482] != 0
    }

    /// Whether every byte of `block` is zero: half of the end-of-archive marker.
    static func isZero(_ block: some Collection<UInt8>) -> Bool {
        block.allSatisfy { $0 == 0 }
    }

    /// The checksum is the sum of the header's bytes with the checksum field read as spaces. Old tars summed
    /// signed bytes, so either sum is accepted (as GNU tar does).
    static func hasValidChecksum(_ block: [UInt8]) -> Bool {
        guard let stored = number(block[148..<156]) else {
            return false
        }
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (index, byte) in block.enumerated() {
            let value = (148..<156).contains(index) ? 0x20 : byte
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        return stored == unsigned || stored == signed
    }

    /// A numeric field: octal digits, optionally led by spaces and ended by NUL or spaces; or, when the first
    /// byte has its high bit set, a big-endian base-256 number (GNU and star). `nil` for anything else,
    /// a negative base-256 value, or a value that does not fit in `Int64`.
    static func number(_ field: ArraySlice<UInt8>) -> Int64? {
        guard let first = field.first else {
            return 0
        }
        if first & 0x80 != 0 {
            guard first & 0x40 == 0 else {
                return nil  // negative
            }
            var value = Int64(first & 0x3F)
            for byte in field.dropFirst() {
                guard value <= (Int64.max - Int64(byte)) >> 8 else {
                    return nil
                }
                value = value << 8 | Int64(byte)
            }
            return value
        }
        var value: Int64 = 0
        var digits = field.prefix { $0 != 0 }.drop { $0 == 0x20 }
        while let byte = digits.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7") {
            guard value <= (Int64.max - 7) >> 3 else {
                return nil
            }
            value = value << 3 | Int64(byte - UInt8(ascii: "0"))
            digits = digits.dropFirst()
        }
        return digits.allSatisfy { $0 == 0x20 } ? value : nil
    }

    /// A text field: the bytes before the first NUL, decoded as UTF-8 (invalid bytes become U+FFFD).
    static func string(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }
}
