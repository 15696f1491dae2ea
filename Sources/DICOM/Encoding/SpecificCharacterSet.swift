/// Decodes text values with the Specific Character Set (0008,0005) (PS3.3 C.12.1.1.2, PS3.5 §6.1).
///
/// Supported: the default repertoire, ISO_IR 192 (UTF-8), the single-byte sets ISO_IR 100, 101, 109, 110,
/// 126, 127, 138, 144, 148, 166, 203 and ISO_IR 13 (JIS X 0201), alone or with ISO 2022 code extensions
/// (escape sequences switching between them and the multi-byte sets ISO 2022 IR 87 (JIS X 0208), IR 159
/// (JIS X 0212), IR 149 (KS X 1001) and IR 58 (GB 2312)), and the stand-alone GB18030 and GBK. Decoding
/// follows pydicom's (Python's codecs); bytes a set does not define become U+FFFD. Terms that are not
/// recognised are named by `unsupportedTerms`, so callers can report them.
package struct SpecificCharacterSet: Sendable, Equatable {
    /// One character set: how bytes 0x00-0x7F (G0) or 0x80-0xFF (G1) map to characters.
    enum Repertoire: Sendable, Equatable {
        /// ASCII; bytes over 0x7F are read as ISO 8859-1, as pydicom and dcmtk do for files that break the rule.
        case ascii
        case latin1
        case utf8
        /// An ISO 8859 part, TIS 620: upper half from `CharacterSetTables`.
        case upperHalf(UpperHalf)
        /// JIS X 0201: Roman in G0, katakana in G1.
        case jisX0201
        /// A 94 x 94 set of ISO 2022: JIS X 0208 and JIS X 0212 are designated to G0, KS X 1001 and GB 2312
        /// to G1.
        case doubleByte(DoubleByteSet)
        /// GB18030 and GBK: one-, two- (and for GB18030 four-) byte codes outside ISO 2022.
        case gb18030
        case gbk
        /// A term that is not recognised.
        case unsupported

        /// UTF-8, GB18030 and GBK cannot be combined with code extensions (PS3.5 §6.1.2.5.4 d): when one is
        /// value 1 the other values are ignored, as pydicom does, and later values never get designated.
        var isStandAlone: Bool {
            self == .utf8 || self == .gb18030 || self == .gbk
        }
    }

    /// The defined terms, as found in the element (empty first value kept as "").
    package let terms: [String]
    let repertoires: [Repertoire]
    let usesCodeExtensions: Bool

    /// The default repertoire: no (0008,0005).
    package static let `default` = SpecificCharacterSet(terms: [])

    package init(terms: [String]) {
        self.terms = terms
        self.repertoires = terms.map(Self.repertoire(for:))
        self.usesCodeExtensions = terms.contains { $0.hasPrefix("ISO 2022") } || terms.count > 1
    }

    /// Reads the terms of a (0008,0005) element: CS, always in the default repertoire, backslash separated.
    package init(element: DataElement) {
        let text = String(decoding: element.bytes, as: UTF8.self)
        let terms = text.split(separator: "\\", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: " \0")
        }
        self.init(terms: terms == [""] ? [] : terms)
    }

    /// Whether values must be decoded whole before they are split on backslashes (see `decode`).
    package var decodesWholeValues: Bool {
        guard let first = repertoires.first else { return false }
        return first == .gb18030 || first == .gbk || (usesCodeExtensions && !first.isStandAlone)
    }

    /// Terms that are not recognised (their bytes over 0x7F become U+FFFD).
    package var unsupportedTerms: [String] {
        zip(terms, repertoires).filter { $0.1 == .unsupported }.map { $0.0 }
    }

    static func repertoire(for term: String) -> Repertoire {
        // "ISO_IR 100" and "ISO 2022 IR 100" name the same set; so do "ISO 2022 58" and "ISO 2022 GBK", the
        // spellings of CP 1234 that pydicom accepts. Compare what follows the prefix.
        var key = Substring(term)
        for prefix in ["ISO 2022 IR ", "ISO 2022 ", "ISO_IR ", "ISO_IR"] where key.hasPrefix(prefix) {
            key = key.dropFirst(prefix.count)
            break
        }
        return switch key {
        case "", "6": .ascii
        case "100": .latin1
        case "192": .utf8
        case "101": .upperHalf(.latin2)
        case "109": .upperHalf(.latin3)
        case "110": .upperHalf(.latin4)
        case "144": .upperHalf(.cyrillic)
        case "127": .upperHalf(.arabic)
        case "126": .upperHalf(.greek)
        case "138": .upperHalf(.hebrew)
        case "148": .upperHalf(.latin5)
        case "203": .upperHalf(.latin9)
        case "166": .upperHalf(.thai)
        case "13": .jisX0201
        case "87": .doubleByte(.jisX0208)
        case "159": .doubleByte(.jisX0212)
        case "149": .doubleByte(.ksX1001)
        case "58": .doubleByte(.gb2312)
        case "GB18030": .gb18030
        case "GBK": .gbk
        default: .unsupported
        }
    }

    /// Decodes a text value. `vr` matters because only LO, LT, PN, SH, ST, UC and UT use the character set.
    ///
    /// With GB18030, GBK or code extensions the whole value is decoded before it is split on backslashes (as
    /// `DataElement.decoded` does): GB18030 and GBK second bytes include 0x5C, and ISO 2022 state runs across
    /// values. For the other sets a byte 0x5C is always the delimiter, so values may be split first.
    package func decode(_ bytes: some Collection<UInt8>, vr: VR) -> String {
        guard vr.usesSpecificCharacterSet, let first = repertoires.first else {
            return Self.decode(bytes, as: .ascii)
        }
        if first.isStandAlone || !usesCodeExtensions {
            return Self.decode(bytes, as: first)
        }
        return Self.decodeWithCodeExtensions(Array(bytes), initial: first)
    }

    static func decode(_ bytes: some Collection<UInt8>, as repertoire: Repertoire) -> String {
        switch repertoire {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .ascii, .latin1:
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            var scalars = String.UnicodeScalarView()
            for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
            return String(scalars)
        case .gb18030, .gbk:
            return decodeGB(Array(bytes), fourByte: repertoire == .gb18030)
        case .doubleByte:
            return decodeWithCodeExtensions(Array(bytes), initial: repertoire)  // a misspelt term, as "ISO_IR 149"
        default:
            var scalars = String.UnicodeScalarView()
            for byte in bytes { scalars.append(scalar(byte, g1: repertoire)) }
            return String(scalars)
        }
    }

    /// A byte of a single-byte set: G0 (below 0x80) is ASCII, or JIS X 0201 Roman, whose 0x5C (yen sign) and
    /// 0x7E (overline) are kept as backslash and tilde, as pydicom does (0x5C stays the value delimiter).
    static func scalar(_ byte: UInt8, g1: Repertoire) -> Unicode.Scalar {
        if byte < 0x80 {
            return Unicode.Scalar(byte)
        }
        switch g1 {
        case .ascii, .latin1:
            return Unicode.Scalar(byte)
        case .upperHalf(let table):
            guard byte >= 0xA0 else { return Unicode.Scalar(byte) }
            return Unicode.Scalar(table.scalars[Int(byte - 0xA0)]) ?? "\u{FFFD}"
        case .jisX0201:
            guard (0xA1...0xDF).contains(byte) else { return "\u{FFFD}" }
            return Unicode.Scalar(0xFF61 + UInt32(byte - 0xA1)) ?? "\u{FFFD}"
        case .utf8, .doubleByte, .gb18030, .gbk, .unsupported:
            return "\u{FFFD}"
        }
    }
}

/// The single-byte sets whose upper halves come from `CharacterSetTables`.
enum UpperHalf: Sendable, Equatable {
    case latin2, latin3, latin4, cyrillic, arabic, greek, hebrew, latin5, latin9, thai

    var scalars: [UInt32] {
        switch self {
        case .latin2: CharacterSetTables.latin2
        case .latin3: CharacterSetTables.latin3
        case .latin4: CharacterSetTables.latin4
        case .cyrillic: CharacterSetTables.cyrillic
        case .arabic: CharacterSetTables.arabic
        case .greek: CharacterSetTables.greek
        case .hebrew: CharacterSetTables.hebrew
        case .latin5: CharacterSetTables.latin5
        case .latin9: CharacterSetTables.latin9
        case .thai: CharacterSetTables.thai
        }
    }
}

extension StringProtocol {
    /// Drops the given characters from both ends.
    package func trimmingCharacters(in set: String) -> String {
        let trim = Array(set.unicodeScalars)
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, trim.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, trim.contains(last) { scalars.removeLast() }
        return String(scalars)
    }

    /// Replaces every occurrence of `target` (standard library only: the DICOM target has no Foundation).
    package func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return String(self) }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
