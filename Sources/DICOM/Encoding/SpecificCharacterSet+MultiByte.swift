/// The 94 x 94 character sets of ISO 2022 that DICOM uses (PS3.3 Table C.12-4): a character is a row and a
/// cell, each 0-93, written as two bytes 0x21-0x7E when the set is in G0 and 0xA1-0xFE when it is in G1.
enum DoubleByteSet: Sendable, Equatable {
    /// JIS X 0208, ISO 2022 IR 87, ESC $ B (G0).
    case jisX0208
    /// JIS X 0212, ISO 2022 IR 159, ESC $ ( D (G0).
    case jisX0212
    /// KS X 1001, ISO 2022 IR 149, ESC $ ) C (G1).
    case ksX1001
    /// GB 2312, ISO 2022 IR 58, ESC $ ) A (G1).
    case gb2312

    /// Whether the set is designated to G0 (the Japanese sets) rather than G1.
    var isG0: Bool {
        self == .jisX0208 || self == .jisX0212
    }

    /// The generated table, 94 rows of 94 cells.
    var table: [Unicode.Scalar] {
        switch self {
        case .jisX0208: CharacterSetTables.jisX0208
        case .jisX0212: CharacterSetTables.jisX0212
        case .ksX1001: CharacterSetTables.ksX1001
        case .gb2312: CharacterSetTables.gb2312
        }
    }

    /// The character at `row`, `cell` (both 0-93); U+FFFD where the set has none.
    func scalar(row: UInt8, cell: UInt8) -> Unicode.Scalar {
        table[Int(row) * 94 + Int(cell)]
    }
}

extension SpecificCharacterSet {
    /// Decodes GB18030 (`fourByte`) or GBK: bytes below 0x80 are ASCII; a first byte 0x81-0xFE with a
    /// second byte 0x40-0x7E or 0x80-0xFE is a two-byte code (so a second byte 0x5C is not a backslash);
    /// GB18030 also has four-byte codes (0x81-0xFE, 0x30-0x39, 0x81-0xFE, 0x30-0x39). A well-formed code
    /// that the set leaves undefined becomes one U+FFFD; a byte that starts no code becomes U+FFFD too.
    static func decodeGB(_ bytes: [UInt8], fourByte: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                scalars.append(Unicode.Scalar(byte))
                index += 1
                continue
            }
            let second = index + 1 < bytes.count ? bytes[index + 1] : 0
            guard (0x81...0xFE).contains(byte) else {
                scalars.append("\u{FFFD}")
                index += 1
                continue
            }
            if (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) {
                let position = Int(byte - 0x81) * 190 + Int(second) - (second < 0x80 ? 0x40 : 0x41)
                let isHole = !fourByte && isGBKHole(position)
                scalars.append(isHole ? "\u{FFFD}" : CharacterSetTables.gb18030TwoByte[position])
                index += 2
                continue
            }
            if fourByte, (0x30...0x39).contains(second) {
                let third = index + 2 < bytes.count ? bytes[index + 2] : 0
                let fourth = index + 3 < bytes.count ? bytes[index + 3] : 0
                if (0x81...0xFE).contains(third), (0x30...0x39).contains(fourth) {
                    let pair = UInt32(byte - 0x81) * 10 + UInt32(second - 0x30)
                    let linear = (pair * 126 + UInt32(third - 0x81)) * 10 + UInt32(fourth - 0x30)
                    scalars.append(gb18030FourByte(linear))
                    index += 4
                    continue
                }
                if index + 2 == bytes.count || (index + 3 == bytes.count && (0x81...0xFE).contains(third)) {
                    scalars.append("\u{FFFD}")  // a four-byte code cut short by the end: one U+FFFD, as Python
                    break
                }
            }
            scalars.append("\u{FFFD}")
            index += 1
        }
        return String(scalars)
    }

    /// The character of a GB18030 four-byte code, by linear index (0 for 0x81308130).
    static func gb18030FourByte(_ linear: UInt32) -> Unicode.Scalar {
        // Beyond the BMP the mapping is linear: 0x90308130 (linear 189000) is U+10000.
        if linear >= 189_000 {
            return Unicode.Scalar(0x10000 + (linear - 189_000)) ?? "\u{FFFD}"
        }
        guard linear <= CharacterSetTables.gb18030FourByteLastIndex else { return "\u{FFFD}" }
        // The last run starting at or before `linear` (pairs of first index, first scalar).
        let ranges = CharacterSetTables.gb18030FourByteRanges
        var low = 0
        var high = ranges.count / 2 - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if ranges[middle * 2] <= linear { low = middle } else { high = middle - 1 }
        }
        return Unicode.Scalar(ranges[low * 2 + 1] + (linear - ranges[low * 2])) ?? "\u{FFFD}"
    }

    /// Whether GBK leaves the two-byte code at `position` (of `CharacterSetTables.gb18030TwoByte`) undefined.
    static func isGBKHole(_ position: Int) -> Bool {
        let holes = CharacterSetTables.gbkHoles
        var pair = 0
        while pair < holes.count {
            if position < Int(holes[pair]) { return false }
            if position <= Int(holes[pair + 1]) { return true }
            pair += 2
        }
        return false
    }
}
