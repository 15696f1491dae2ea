import TestSupport
import Testing

@testable import DICOM

/// The multi-byte character sets: ISO 2022 IR 87, 159, 149 and 58 with code extensions, GB18030 and GBK.
/// Fixtures are the examples of PS3.5 Annex H (Japanese), I (Korean), J (GB18030, GBK) and K (GB 2312),
/// encoded with Python's codecs (the ones pydicom uses) and pasted as annotated hex.
@Suite struct SpecificCharacterSetMultiByteTests {
    func decode(_ terms: [String], _ hex: String, vr: VR = .PN) -> String {
        SpecificCharacterSet(terms: terms).decode(HexBytes(hex), vr: vr)
    }

    /// A data set with (0008,0005) and one element, as a file would give it.
    func dataSet(_ charset: String, _ tag: UInt32, _ vr: VR, _ hex: String) -> DataSet {
        var dataSet = DataSet()
        dataSet.insert(Part10Writer.text(0x0008_0005, .CS, charset))
        dataSet.insert(DataElement(tag: DICOM.Tag(tag), vr: vr, value: .bytes(HexBytes(hex))))
        return dataSet
    }

    // MARK: - Japanese (PS3.5 Annex H)

    @Test func jisX0208WithASCII() {
        // H.3.1, "\ISO 2022 IR 87" (pydicom's chrH31.dcm): ESC $ B before each ideographic and phonetic part,
        // ESC ( B back to ASCII before each delimiter.
        let hex = """
            59 61 6D 61 64 61 5E 54 61 72 6F 75 3D      # Yamada^Tarou=
            1B 24 42 3B 33 45 44 1B 28 42 5E            # ESC $ B 山田 ESC ( B ^
            1B 24 42 42 40 4F 3A 1B 28 42 3D            # ESC $ B 太郎 ESC ( B =
            1B 24 42 24 64 24 5E 24 40 1B 28 42 5E      # ESC $ B やまだ ESC ( B ^
            1B 24 42 24 3F 24 6D 24 26 1B 28 42         # ESC $ B たろう ESC ( B
            """
        #expect(decode(["", "ISO 2022 IR 87"], hex) == "Yamada^Tarou=山田^太郎=やまだ^たろう")
        let name = dataSet("\\ISO 2022 IR 87", 0x0010_0010, .PN, hex).personName(.patientName)
        #expect(name?.familyName == "Yamada")
        #expect(name?.ideographic == "山田^太郎")
        #expect(name?.phonetic == "やまだ^たろう")
        #expect(SpecificCharacterSet(terms: ["", "ISO 2022 IR 87"]).unsupportedTerms.isEmpty)
    }

    @Test func jisX0201KatakanaWithJISX0208() {
        // H.3.2, "ISO 2022 IR 13\ISO 2022 IR 87" (chrH32.dcm): JIS X 0201 katakana in G1 and Roman in G0
        // initially, ESC $ B for kanji and hiragana, ESC ( J back to Roman.
        let hex = """
            D4 CF C0 DE 5E C0 DB B3 3D                  # ﾔﾏﾀﾞ^ﾀﾛｳ=
            1B 24 42 3B 33 45 44 1B 28 4A 5E            # ESC $ B 山田 ESC ( J ^
            1B 24 42 42 40 4F 3A 1B 28 4A 3D            # ESC $ B 太郎 ESC ( J =
            1B 24 42 24 64 24 5E 24 40 1B 28 4A 5E      # ESC $ B やまだ ESC ( J ^
            1B 24 42 24 3F 24 6D 24 26 1B 28 4A         # ESC $ B たろう ESC ( J
            """
        #expect(decode(["ISO 2022 IR 13", "ISO 2022 IR 87"], hex) == "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう")
    }

    @Test func delimiterBytesInsideJISCharactersAreNotDelimiters() {
        // In JIS X 0208 both bytes are 0x21-0x7E: 0x5C 0x44 is 楪 and 0x3D 0x5E is 殉, not "\" or "=" or "^".
        // The backslash after ESC ( B separates two values.
        let hex = "1B 24 42 5C 44 3D 5E 1B 28 42 5C 41  # ESC $ B 楪殉 ESC ( B \\ A"
        #expect(decode(["", "ISO 2022 IR 87"], hex, vr: .LO) == "楪殉\\A")
        let description = DICOM.Tag(0x0008_1030)
        #expect(dataSet("\\ISO 2022 IR 87", description.rawValue, .LO, hex).strings(description) == ["楪殉", "A"])
        #expect(decode(["", "ISO 2022 IR 87"], "1B 24 42 5E 3D 3D 3D 1B 28 42  # ESC $ B 渊十 ESC ( B") == "渊十")
    }

    @Test func jisX0212() {
        // ESC $ ( D designates JIS X 0212 to G0: 0x30 0x21 is 丂, 0x22 0x37 is "~", 0x29 0x21 is Æ.
        let hex = "41 1B 24 28 44 30 21 22 37 29 21 1B 28 42 42  # A ESC $ ( D 丂~Æ ESC ( B B"
        #expect(decode(["", "ISO 2022 IR 159"], hex) == "A丂~ÆB")
        // With JIS X 0208 in the same value.
        let mixed = "1B 24 42 3B 33 1B 24 28 44 30 22 1B 28 42  # ESC $ B 山 ESC $ ( D 丄 ESC ( B"
        #expect(decode(["", "ISO 2022 IR 87", "ISO 2022 IR 159"], mixed) == "山丄")
    }

    @Test func eachLineStartsAgainFromTheInitialSets() {
        // A multi-line LT: CR LF brings back ASCII even if the writer left JIS X 0208 designated.
        let hex = "1B 24 42 3B 33 0D 0A 41 42  # ESC $ B 山 CR LF A B"
        #expect(decode(["", "ISO 2022 IR 87"], hex, vr: .LT) == "山\r\nAB")
    }

    // MARK: - Korean (PS3.5 Annex I)

    @Test func ksX1001() {
        // I.2, "\ISO 2022 IR 149" (chrI2.dcm): ESC $ ) C designates KS X 1001 to G1 before each Korean part.
        let hex = """
            48 6F 6E 67 5E 47 69 6C 64 6F 6E 67 3D      # Hong^Gildong=
            1B 24 29 43 FB F3 5E                        # ESC $ ) C 洪 ^
            1B 24 29 43 D1 CE D4 D7 3D                  # ESC $ ) C 吉洞 =
            1B 24 29 43 C8 AB 5E                        # ESC $ ) C 홍 ^
            1B 24 29 43 B1 E6 B5 BF                     # ESC $ ) C 길동
            """
        #expect(decode(["", "ISO 2022 IR 149"], hex) == "Hong^Gildong=洪^吉洞=홍^길동")
        let name = dataSet("\\ISO 2022 IR 149", 0x0010_0010, .PN, hex).personName(.patientName)
        #expect(name?.ideographic == "洪^吉洞")
        #expect(name?.phonetic == "홍^길동")
    }

    @Test func ksX1001DesignatedOnceForAWholeName() {
        // chrKoreanMulti.dcm designates once; a writer that does not repeat ESC $ ) C after "^" is read as
        // pydicom reads it, since value 1 (empty) leaves G1 undefined.
        #expect(decode(["", "ISO 2022 IR 149"], "1B 24 29 43 B1 E8 C8 F1 C1 DF  # ESC $ ) C 김희중") == "김희중")
        #expect(decode(["", "ISO 2022 IR 149"], "1B 24 29 43 B1 E8 5E C8 F1 C1 DF  # ESC $ ) C 김^희중") == "김^희중")
    }

    // MARK: - GB18030 and GBK (PS3.5 Annex J)

    @Test func gb18030() {
        // J.3.1, "GB18030" (chrX2.dcm): no escape sequences; the ideographic group ends with "=".
        let hex = """
            57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D   # Wang^XiaoDong=
            CD F5 5E D0 A1 B6 AB 3D                     # 王^小东=
            """
        #expect(decode(["GB18030"], hex) == "Wang^XiaoDong=王^小东=")
        // J.3.2: a multi-line LT.
        let text = """
            31 2E B5 DA D2 BB D0 D0 CE C4 D7 D6 A1 A3 0D 0A     # 1.第一行文字。CR LF
            32 2E B5 DA B6 FE D0 D0 CE C4 D7 D6 A1 A3 0D 0A     # 2.第二行文字。CR LF
            33 2E B5 DA C8 FD D0 D0 CE C4 D7 D6 A1 A3 0D 0A     # 3.第三行文字。CR LF
            """
        #expect(decode(["GB18030"], text, vr: .LT) == "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n")
    }

    @Test func gb18030FourByteCodes() {
        // 0x81308A32 is å and 0x8135F437 is ḿ (BMP, by the range table); 0x95328236 is U+20000 (linear).
        #expect(decode(["GB18030"], "81 30 8A 32 2D 95 32 82 36 2D 81 35 F4 37") == "å-𠀀-ḿ")
        #expect(decode(["GB18030"], "A2 E3  # €") == "€")
        // Not defined: four-byte codes past U+10FFFF, and a code cut short at the end of the value.
        #expect(decode(["GB18030"], "E3 32 9A 36 41") == "\u{FFFD}A")
        #expect(decode(["GB18030"], "41 81 30") == "A\u{FFFD}")
    }

    @Test func gbk() {
        // J.4, "GBK": the same bytes as GB18030 for these characters.
        let hex = """
            57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D   # Wang^XiaoDong=
            CD F5 5E D0 A1 B6 AB 3D                     # 王^小东=
            """
        #expect(decode(["GBK"], hex) == "Wang^XiaoDong=王^小东=")
        // GBK has no four-byte codes, nor the user-defined area that GB18030 maps to the private use area.
        #expect(decode(["GBK"], "81 30 8A 32") == "\u{FFFD}0\u{FFFD}2")
        #expect(decode(["GB18030"], "A1 40") == "\u{E4C6}")
        #expect(decode(["GBK"], "A1 40") == "\u{FFFD}")
        #expect(SpecificCharacterSet(terms: ["GBK"]).unsupportedTerms.isEmpty)
    }

    @Test func backslashAsSecondByteIsNotADelimiter() {
        // 淺 is 0x9C 0x5C and 籠 0xBB 0x5C in GBK and GB18030: the value is decoded before it is split on "\".
        let hex = "9C 5C 5C BB 5C  # 淺 \\ 籠"
        let description = DICOM.Tag(0x0008_1030)
        #expect(dataSet("GBK", description.rawValue, .LO, hex).strings(description) == ["淺", "籠"])
        #expect(dataSet("GB18030", description.rawValue, .LO, hex).strings(description) == ["淺", "籠"])
        let names = DICOM.Tag(0x0010_1001)
        let twoNames = "9C 5C 5E BB 5C 5C 41  # 淺 ^ 籠 \\ A"
        #expect(dataSet("GB18030", names.rawValue, .PN, twoNames).strings(names) == ["淺^籠", "A"])
    }

    @Test func standAloneSetsIgnoreFurtherValues() {
        // GB18030, GBK and UTF-8 cannot be combined with code extensions: further values are ignored.
        #expect(decode(["GB18030", "ISO 2022 IR 100"], "CD F5") == "王")
        #expect(decode(["ISO_IR 192", "ISO 2022 IR 87"], "E7 8E 8B") == "王")
    }

    // MARK: - GB 2312 (PS3.5 Annex K)

    @Test func gb2312() {
        // K.1, "\ISO 2022 IR 58": ESC $ ) A designates GB 2312 to G1 before each Chinese part.
        let hex = """
            5A 68 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D    # Zhang^XiaoDong=
            1B 24 29 41 D5 C5 5E                            # ESC $ ) A 张 ^
            1B 24 29 41 D0 A1 B6 AB 3D                      # ESC $ ) A 小东 =
            """
        #expect(decode(["", "ISO 2022 IR 58"], hex) == "Zhang^XiaoDong=张^小东=")
        // K.2: a multi-line LT, the designation repeated on each line.
        let text = """
            1B 24 29 41 31 2E B5 DA D2 BB D0 D0 CE C4 D7 D6 A1 A3 0D 0A     # ESC $ ) A 1.第一行文字。CR LF
            1B 24 29 41 32 2E B5 DA B6 FE D0 D0 CE C4 D7 D6 A1 A3 0D 0A     # ESC $ ) A 2.第二行文字。CR LF
            1B 24 29 41 33 2E B5 DA C8 FD D0 D0 CE C4 D7 D6 A1 A3 0D 0A     # ESC $ ) A 3.第三行文字。CR LF
            """
        #expect(decode(["", "ISO 2022 IR 58"], text, vr: .LT) == "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n")
    }

    // MARK: - Tables

    @Test func tablesHaveTheirSizes() {
        // The generated string literals must give exactly one scalar per code.
        #expect(CharacterSetTables.jisX0208.count == 94 * 94)
        #expect(CharacterSetTables.jisX0212.count == 94 * 94)
        #expect(CharacterSetTables.ksX1001.count == 94 * 94)
        #expect(CharacterSetTables.gb2312.count == 94 * 94)
        #expect(CharacterSetTables.gb18030TwoByte.count == 126 * 190)
        #expect(CharacterSetTables.gb18030FourByteRanges.count.isMultiple(of: 2))
    }
}
