extension SpecificCharacterSet {
    /// ISO 2022 decoding (PS3.5 §6.1.2.5): escape sequences designate the set used for G0 (bytes below 0x80)
    /// and G1 (0x80 and above). G0 is ASCII (or JIS X 0201 Roman, decoded the same) or a 94 x 94 set whose
    /// characters are pairs of bytes 0x21-0x7E (JIS X 0208, JIS X 0212); G1 is a single-byte upper half or a
    /// 94 x 94 set whose characters are pairs of bytes 0xA1-0xFE (KS X 1001, GB 2312).
    ///
    /// Each value, and each PN component group and component, starts again from the initial designation
    /// (PS3.5 §6.1.2.5.3): the sets go back to those of `initial` (value 1 of the element) after a delimiter
    /// (backslash, "=", "^", CR, LF, TAB, FF) that is not part of a two-byte character. When value 1 leaves G1
    /// undefined (it is empty or ISO 2022 IR 6), a G1 designation is kept across delimiters instead: bytes
    /// over 0x7F have no other meaning, and writers that designate KS X 1001 once for a whole name are
    /// common (pydicom reads those too). Escape sequences are honoured wherever they appear, also for sets
    /// that the element does not name.
    static func decodeWithCodeExtensions(_ bytes: [UInt8], initial: Repertoire) -> String {
        let initialG1: Repertoire
        switch initial {
        case .doubleByte(let set) where set.isG0: initialG1 = .ascii  // a G0 set is only ever designated
        case .utf8, .gb18030, .gbk: initialG1 = .ascii  // never reached: these are decoded on their own
        default: initialG1 = initial
        }
        var g0: DoubleByteSet? = nil  // ASCII (or JIS X 0201 Roman) until a 94 x 94 set is designated
        var g1 = initialG1
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B, let (length, designation) = escapeSequence(in: bytes, at: index) {
                index += length
                switch designation {
                case .g0(let set): g0 = set
                case .g1(let repertoire): g1 = repertoire
                }
                continue
            }
            if let set = g0, (0x21...0x7E).contains(byte) {
                // Two bytes 0x21-0x7E: 0x5C, 0x3D and 0x5E in them are not delimiters.
                if index + 1 < bytes.count, (0x21...0x7E).contains(bytes[index + 1]) {
                    scalars.append(set.scalar(row: byte - 0x21, cell: bytes[index + 1] - 0x21))
                    index += 2
                } else {
                    scalars.append("\u{FFFD}")
                    index += 1
                }
                continue
            }
            if byte >= 0x80, case .doubleByte(let set) = g1 {
                if (0xA1...0xFE).contains(byte), index + 1 < bytes.count, (0xA1...0xFE).contains(bytes[index + 1]) {
                    scalars.append(set.scalar(row: byte - 0xA1, cell: bytes[index + 1] - 0xA1))
                    index += 2
                } else {
                    scalars.append("\u{FFFD}")
                    index += 1
                }
                continue
            }
            switch byte {
            case 0x5C, 0x3D, 0x5E, 0x0D, 0x0A, 0x09, 0x0C:
                g0 = nil
                if initialG1 != .ascii { g1 = initialG1 }
            default:
                break
            }
            scalars.append(scalar(byte, g1: g1))
            index += 1
        }
        return String(scalars)
    }

    /// What an escape sequence designates.
    enum Designation {
        /// A set for bytes below 0x80: `nil` for ASCII or JIS X 0201 Roman, else a 94 x 94 set.
        case g0(DoubleByteSet?)
        case g1(Repertoire)
    }

    /// Recognises the escape sequences of PS3.3 Table C.12-3 and C.12-4 at `index` (which holds ESC): their
    /// length and the designation they make.
    static func escapeSequence(in bytes: [UInt8], at index: Int) -> (Int, Designation)? {
        guard index + 2 < bytes.count else { return nil }
        switch (bytes[index + 1], bytes[index + 2]) {
        case (0x28, 0x42): return (3, .g0(nil))  // ESC ( B: ISO 646 (ASCII)
        case (0x28, 0x4A): return (3, .g0(nil))  // ESC ( J: JIS X 0201 Roman
        case (0x29, 0x49): return (3, .g1(.jisX0201))  // ESC ) I: JIS X 0201 Katakana
        case (0x24, 0x42): return (3, .g0(.jisX0208))  // ESC $ B: JIS X 0208
        case (0x2D, let final):  // ESC - F: a 96-character set in G1
            let repertoire: Repertoire? =
                switch final {
                case 0x41: .latin1  // ISO_IR 100
                case 0x42: .upperHalf(.latin2)
                case 0x43: .upperHalf(.latin3)
                case 0x44: .upperHalf(.latin4)
                case 0x4C: .upperHalf(.cyrillic)
                case 0x47: .upperHalf(.arabic)
                case 0x46: .upperHalf(.greek)
                case 0x48: .upperHalf(.hebrew)
                case 0x4D: .upperHalf(.latin5)
                case 0x62: .upperHalf(.latin9)
                case 0x54: .upperHalf(.thai)
                default: nil
                }
            return repertoire.map { (3, .g1($0)) }
        case (0x24, 0x28), (0x24, 0x29):  // ESC $ ( F, ESC $ ) F: a 94 x 94 set in G0 or G1
            guard index + 3 < bytes.count else { return nil }
            switch (bytes[index + 2], bytes[index + 3]) {
            case (0x28, 0x44): return (4, .g0(.jisX0212))  // ESC $ ( D: JIS X 0212
            case (0x29, 0x43): return (4, .g1(.doubleByte(.ksX1001)))  // ESC $ ) C: KS X 1001
            case (0x29, 0x41): return (4, .g1(.doubleByte(.gb2312)))  // ESC $ ) A: GB 2312
            default: return nil
            }
        default:
            return nil
        }
    }
}
