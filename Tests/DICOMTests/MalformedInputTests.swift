import DICOM
import Testing
import TestSupport

/// Malformed input never crashes, hangs or allocates without bound: strict mode names the tag and offset,
/// lenient mode repairs what it can and says so.
@Suite struct MalformedInputTests {
    static let file: [UInt8] = {
        var builder = DICOMFileBuilder.instance()
        builder.setSequence(Tag(0x0008_1115), [DataSet([Part10Writer.text(0x0008_1150, .UI, "1.2.3")])])
        builder.setPixelData(count: 32)
        return builder.file()
    }()

    @Test func everyTruncationIsAnErrorOrAShorterDataSet() throws {
        let whole = try DICOMFile.read(Self.file, options: ParseOptions(mode: .strict))
        let dataSetStart = try #require(whole.dataSet.elements.first?.offset)
        for length in 0..<Self.file.count {
            let prefix = Array(Self.file.prefix(length))
            do {
                let file = try DICOMFile.read(prefix, options: ParseOptions(mode: .strict))
                // A cut exactly between two top-level elements is a well-formed, shorter data set.
                #expect(file.dataSet.count < whole.dataSet.count || length == Self.file.count)
            } catch {
                #expect(error.offset <= length, "offset \(error.offset) past the input at length \(length)")
            }
            // Lenient mode never throws for a cut after the file meta: it keeps what was complete.
            if length >= dataSetStart {
                let lenient = try DICOMFile.read(prefix, options: ParseOptions(mode: .lenient))
                #expect(lenient.dataSet.count <= whole.dataSet.count)
            }
        }
    }

    @Test func truncatedValueNamesTagAndOffset() {
        let bytes = HexBytes("10 00 10 00  50 4E  08 00  44 6F 65")  // (0010,0010) PN length 8, 3 bytes present
        #expect {
            try tokenize(bytes, .explicitLittleEndian)
        } throws: { error in
            let error = error as! DICOMParseError
            return error.kind == .truncated && error.tag == .patientName && error.offset == 0
        }
    }

    @Test func lengthPastTheEndOfItsItemIsRefused() {
        let bytes = HexBytes("""
            08 00 15 11  53 51 00 00  FF FF FF FF   # (0008,1115) SQ
              FE FF 00 E0  0C 00 00 00              #   item, length 12
                08 00 50 11  55 49 40 00  31 2E 32 00   # (0008,1150) UI length 64 > item
            """)
        #expect(throws: DICOMParseError.self) { try tokenize(bytes, .explicitLittleEndian, options: ParseOptions(mode: .lenient)) }
    }

    @Test func hugeLengthsDoNotAllocate() throws {
        var options = ParseOptions(mode: .strict)
        options.maximumValueLength = 1 << 20
        let bytes = HexBytes("E0 7F 10 00  4F 57 00 00  F0 FF FF 7F")  // (7FE0,0010) OW, length 0x7FFFFFF0
        #expect(throws: DICOMParseError.self) { try tokenize(bytes, .explicitLittleEndian, options: options) }
        // Without a limit it waits for bytes it will never get, then reports the truncation.
        #expect(throws: DICOMParseError.self) { try tokenize(bytes, .explicitLittleEndian) }
    }

    @Test func oddLengthIsStrictErrorAndLenientRepair() throws {
        let bytes = HexBytes("10 00 20 00  4C 4F 03 00  41 42 43")  // (0010,0020) LO, odd length 3
        #expect(throws: DICOMParseError.self) { try tokenize(bytes, .explicitLittleEndian) }
        var tokenizer = DataSetTokenizer(encoding: .explicitLittleEndian, options: ParseOptions(mode: .lenient))
        tokenizer.append(bytes)
        tokenizer.finishInput()
        #expect(try tokenizer.next() != nil)
        #expect(tokenizer.repairs.count == 1)
        #expect(tokenizer.repairs.first?.tag == .patientID)
    }

    @Test func invalidVRIsStrictErrorAndLenientImplicitRead() throws {
        let bytes = HexBytes("10 00 20 00  02 00 00 00  41 42")  // implicit header in an explicit stream
        #expect {
            try tokenize(bytes, .explicitLittleEndian)
        } throws: { ($0 as! DICOMParseError).kind == .invalidVR }
        let tokens = try tokenize(bytes, .explicitLittleEndian, options: ParseOptions(mode: .lenient))
        #expect(tokens.count == 1)
    }

    @Test func absurdNestingIsRefused() {
        var bytes: [UInt8] = []
        for _ in 0..<100 {
            bytes += HexBytes("08 00 15 11  53 51 00 00  FF FF FF FF  FE FF 00 E0  FF FF FF FF")
        }
        #expect {
            try tokenize(bytes, .explicitLittleEndian, options: ParseOptions(mode: .lenient))
        } throws: { ($0 as! DICOMParseError).kind == .nestingTooDeep }
    }

    @Test func missingDelimitersAtTheEndAreRepairedInLenientMode() throws {
        let bytes = HexBytes("""
            08 00 15 11  53 51 00 00  FF FF FF FF   # SQ, undefined length
              FE FF 00 E0  FF FF FF FF              # item, undefined length
                08 00 50 11  55 49 04 00  31 2E 32 00
            """)  // no item or sequence delimiter
        #expect(throws: DICOMParseError.self) { try tokenize(bytes, .explicitLittleEndian) }
        let tokens = try tokenize(bytes, .explicitLittleEndian, options: ParseOptions(mode: .lenient))
        #expect(tokens.suffix(2) == [.itemEnd, .sequenceEnd])
    }

    @Test func somethingOtherThanAnItemInASequenceIsRefused() {
        let bytes = HexBytes("""
            08 00 15 11  53 51 00 00  FF FF FF FF   # SQ
              10 00 20 00  4C 4F 02 00  41 42       # an element where an item must be
            """)
        #expect {
            try tokenize(bytes, .explicitLittleEndian, options: ParseOptions(mode: .lenient))
        } throws: { error in
            let error = error as! DICOMParseError
            return error.kind == .unexpectedTag && error.offset == 12 && error.tag == Tag(0x0008_1115)
        }
    }

    @Test func manyStrayDelimitersDoNotExhaustTheStack() throws {
        var bytes: [UInt8] = []
        for _ in 0..<50_000 {
            bytes += HexBytes("FE FF 0D E0  00 00 00 00")  // item delimiter where an element should be
        }
        bytes += HexBytes("10 00 20 00  4C 4F 02 00  41 42")  // (0010,0020) LO "AB"
        var tokenizer = DataSetTokenizer(encoding: .explicitLittleEndian, options: ParseOptions(mode: .lenient))
        tokenizer.append(bytes)
        tokenizer.finishInput()
        #expect(try tokenizer.next()?.tag == .patientID)
        #expect(tokenizer.repairs.count == 50_000)
    }

    @Test func garbageIsNotDICOM() {
        #expect {
            try DICOMFile.read(Array("this is not a DICOM file at all, just some text".utf8))
        } throws: { ($0 as! DICOMParseError).kind == .notDICOM }
        #expect(throws: DICOMParseError.self) { try DICOMFile.read([]) }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<300 {
            var bytes = Self.file
            for _ in 0..<8 {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = try? DICOMFile.read(bytes, options: ParseOptions(mode: .lenient))
            _ = try? DICOMFile.read(bytes, options: ParseOptions(mode: .strict))
        }
    }
}

/// A small seeded generator, so random tests repeat.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
