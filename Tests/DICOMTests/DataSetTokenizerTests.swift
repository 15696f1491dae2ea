import DICOM
import Testing
import TestSupport

@Suite struct DataSetTokenizerTests {
    /// PS3.5 §7.1.2: explicit VR, little endian, both header forms.
    static let explicitLittle = HexBytes("""
        08 00 60 00  43 53  02 00  4D 52                 # (0008,0060) CS, length 2, "MR"
        10 00 10 00  50 4E  08 00  44 6F 65 5E 4A 6F 65 20   # (0010,0010) PN, length 8, "Doe^Joe "
        28 00 10 00  55 53  02 00  00 02                 # (0028,0010) US, length 2, 512
        29 00 10 10  4F 42  00 00  02 00 00 00  AB CD    # (0029,1010) OB, reserved, length 2 (private)
        """)

    /// PS3.5 §7.1.3: implicit VR little endian, the same elements; VRs come from the dictionary.
    static let implicitLittle = HexBytes("""
        08 00 60 00  02 00 00 00  4D 52                  # (0008,0060) length 2, "MR"
        10 00 10 00  08 00 00 00  44 6F 65 5E 4A 6F 65 20    # (0010,0010) length 8
        28 00 10 00  02 00 00 00  00 02                  # (0028,0010) length 2, 512
        29 00 10 10  02 00 00 00  AB CD                  # (0029,1010) private, unknown: UN
        """)

    /// PS3.5 §A.3: explicit VR big endian.
    static let explicitBig = HexBytes("""
        00 08 00 60  43 53  00 02  4D 52                 # (0008,0060) CS, length 2
        00 10 00 10  50 4E  00 08  44 6F 65 5E 4A 6F 65 20   # (0010,0010) PN, length 8
        00 28 00 10  55 53  00 02  02 00                 # (0028,0010) US, length 2, 512 big endian
        00 29 10 10  4F 42  00 00  00 00 00 02  AB CD    # (0029,1010) OB
        """)

    @Test(arguments: [
        (explicitLittle, DataSetTokenizer.Encoding.explicitLittleEndian, VR.OB),
        (implicitLittle, DataSetTokenizer.Encoding.implicitLittleEndian, VR.UN),
        (explicitBig, DataSetTokenizer.Encoding(isExplicitVR: true, isLittleEndian: false), VR.OB),
    ])
    func readsTheSameElementsInEachEncoding(bytes: [UInt8], encoding: DataSetTokenizer.Encoding, privateVR: VR) throws {
        let tokens = try tokenize(bytes, encoding)
        #expect(tokens.map(\.tag) == [.modality, .patientName, .rows, Tag(0x0029_1010)])
        var builder = DataSetBuilder()
        tokens.forEach { builder.consume($0) }
        let dataSet = builder.dataSet
        #expect(dataSet.string(.modality) == "MR")
        #expect(dataSet.personName(.patientName)?.givenName == "Joe")
        #expect(dataSet.int(.rows) == 512)
        #expect(dataSet[Tag(0x0029_1010)]?.vr == privateVR)
        #expect(dataSet[Tag(0x0029_1010)]?.bytes == [0xAB, 0xCD])
        #expect(dataSet[.patientName]?.offset == 10)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func givesTheSameTokensWhateverThePieces(chunk: Int) throws {
        let bytes = Self.sequences
        let whole = try tokenize(bytes, .explicitLittleEndian)
        #expect(try tokenize(bytes, .explicitLittleEndian, chunk: chunk) == whole)
    }

    /// Sequences of defined and undefined length, items of both kinds, nested (PS3.5 §7.5, Table 7.5-1..3).
    static let sequences = HexBytes("""
        08 00 15 11  53 51 00 00  FF FF FF FF   # (0008,1115) SQ, undefined length
          FE FF 00 E0  FF FF FF FF              #   item, undefined length
            08 00 50 11  55 49 04 00  31 2E 32 00   # (0008,1150) UI "1.2"
            08 00 40 11  53 51 00 00  18 00 00 00   # (0008,1140) SQ, defined length 24
              FE FF 00 E0  10 00 00 00              #   item, length 16
                08 00 55 11  55 49 08 00  31 2E 32 2E 33 2E 34 00   # (0008,1155) UI
          FE FF 0D E0  00 00 00 00              #   item delimiter
          FE FF 00 E0  00 00 00 00              #   empty item, length 0
        FE FF DD E0  00 00 00 00                # sequence delimiter
        10 00 20 00  4C 4F 02 00  49 44         # (0010,0020) LO "ID"
        """)

    @Test func readsNestedSequences() throws {
        let tokens = try tokenize(Self.sequences, .explicitLittleEndian)
        #expect(tokens.count == 13)
        var builder = DataSetBuilder()
        tokens.forEach { builder.consume($0) }
        let items = try #require(builder.dataSet.items(Tag(0x0008_1115)))
        #expect(items.count == 2)
        #expect(items[0].string(Tag(0x0008_1150)) == "1.2")
        #expect(items[0].items(Tag(0x0008_1140))?.first?.string(Tag(0x0008_1155)) == "1.2.3.4")
        #expect(items[1].isEmpty)
        #expect(builder.dataSet.string(.patientID) == "ID")
    }

    /// PS3.5 §A.4: encapsulated pixel data: empty offset table, two fragments, delimiter.
    static let encapsulated = HexBytes("""
        28 00 10 00  55 53 02 00  02 00         # (0028,0010) US 2
        E0 7F 10 00  4F 42 00 00  FF FF FF FF   # (7FE0,0010) OB, undefined length
          FE FF 00 E0  00 00 00 00              #   basic offset table, empty
          FE FF 00 E0  04 00 00 00  01 02 03 04 #   fragment 1
          FE FF 00 E0  02 00 00 00  05 06       #   fragment 2
        FE FF DD E0  00 00 00 00                # sequence delimiter
        """)

    @Test func readsEncapsulatedPixelData() throws {
        var builder = DataSetBuilder()
        try tokenize(Self.encapsulated, .explicitLittleEndian).forEach { builder.consume($0) }
        #expect(builder.dataSet[.pixelData]?.value == .fragments([[], [1, 2, 3, 4], [5, 6]]))
    }

    @Test func stopsBeforePixelDataWithoutReadingIt() throws {
        var tokenizer = DataSetTokenizer(encoding: .explicitLittleEndian, options: .header)
        tokenizer.append(Self.encapsulated.prefix(22))
        var tokens: [DataSetToken] = []
        while let token = try tokenizer.next() { tokens.append(token) }
        #expect(tokens.last == .stopped(tag: .pixelData, offset: 10))
        #expect(tokenizer.stoppedAt == .pixelData)
        #expect(try tokenizer.next() == nil)
    }

    @Test func readsUndefinedLengthUNAsImplicitSequence() throws {
        let bytes = HexBytes("""
            29 00 10 10  55 4E 00 00  FF FF FF FF   # (0029,1010) UN, undefined length: a sequence
              FE FF 00 E0  FF FF FF FF              #   item
                10 00 20 00  02 00 00 00  41 42     #   (0010,0020) implicit VR, "AB"
              FE FF 0D E0  00 00 00 00
            FE FF DD E0  00 00 00 00
            """)
        var builder = DataSetBuilder()
        try tokenize(bytes, .explicitLittleEndian).forEach { builder.consume($0) }
        #expect(builder.dataSet.items(Tag(0x0029_1010))?.first?.string(.patientID) == "AB")
    }

    @Test func reportsAbsoluteOffsets() throws {
        var tokenizer = DataSetTokenizer(encoding: .explicitLittleEndian, startOffset: 132)
        tokenizer.append(Self.explicitLittle)
        tokenizer.finishInput()
        guard case .element(let first, _) = try tokenizer.next(), case .element(let second, _) = try tokenizer.next() else {
            Issue.record("expected two elements")
            return
        }
        #expect(first.offset == 132)
        #expect(second.offset == 142)
    }
}
