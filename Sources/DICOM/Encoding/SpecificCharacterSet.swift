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

    /// Terms that are not recognised (their bytes over 0x7F become U+FFFD).
    package var unsupportedTerms: [String] {
        zip(terms, repertoires).filter { $0.1 == .unsupported }.map { $0.0 }
    }

    static func repertoire(for term: String) -> Repertoire {
        let key = term.replacingOccurrences(of: "ISO 2022 ", with: "ISO_")
            .replacingOccurrences(of: "ISO_IR", with: "ISO_")
        return switch key {
        case "", "ISO_ 6", "ISO_6": .ascii
        case "ISO_ 100": .latin1
        case "ISO_ 192": .utf8
        case "ISO_ 101": .upperHalf(.latin2)
        case "ISO_ 109": .upperHalf(.latin3)
        case "ISO_ 110": .upperHalf(.latin4)
        case "ISO_ 144": .upperHalf(.cyrillic)
        case "ISO_ 127": .upperHalf(.arabic)
        case "ISO_ 126": .upperHalf(.greek)
        case "ISO_ 138": .upperHalf(.hebrew)
        case "ISO_ 148": .upperHalf(.latin5)
        case "ISO_ 203": .upperHalf(.latin9)
        case "ISO_ 166": .upperHalf(.thai)
        case "ISO_ 13": .jisX0201
        case "ISO_ 87": .doubleByte(.jisX0208)
        case "ISO_ 159": .doubleByte(.jisX0212)
        case "ISO_ 149": .doubleByte(.ksX1001)
        // "ISO 2022 58" and "ISO 2022 GBK": spellings of CP 1234 that pydicom accepts.
        case "ISO_ 58", "ISO_58": .doubleByte(.gb2312)
        case "GB18030": .gb18030
        case "GBK", "ISO_GBK": .gbk
        default: .unsupported
        }
    }

    /// Decodes a text value. `vr` matters because only LO, LT, PN, SH, ST, UC and UT use the character set.
    ///
    /// The whole value is decoded before it is split on backslashes (as `DataElement.decoded` does), which is
    /// what GB18030 and GBK need: their second bytes include 0x5C. A backslash in the result is a delimiter.
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
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
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
