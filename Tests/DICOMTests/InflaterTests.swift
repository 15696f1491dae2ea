import Testing

import DICOM

/// Raw DEFLATE (RFC 1951) decoding, as used by the Deflated Explicit VR Little Endian transfer
/// syntax (PS3.5 §A.5).
///
/// The hex fixtures were made with CPython's zlib 1.2.13:
/// `c = zlib.compressobj(level, zlib.DEFLATED, -15); c.compress(data) + c.flush()`.
/// Edge cases zlib never produces (distance 32768, single-code trees, malformed headers) are
/// written bit by bit with `BitWriter` below.
@Suite struct InflaterTests {
    // MARK: - Fixtures

    /// Level 0, "DICM stored block" (17 bytes).
    static let storedStream = bytes(
        """
        01        // BFINAL=1, BTYPE=00 (stored); the other 5 bits pad to the byte boundary
        1100 eeff // LEN=17, NLEN=~17 (little endian)
        4449434d2073746f72656420626c6f636b // the 17 bytes as they are
        """)
    static let storedText = Array("DICM stored block".utf8)

    /// Level 6, "Sluice inflates DICOM, DICOM, DICOM!" (36 bytes): one fixed-Huffman block.
    static let fixedStream = bytes(
        """
        0b        // bits 0-2 = 1,1,0: BFINAL=1, BTYPE=01 (fixed Huffman); then the first code
        ce29cd4c4e55c8cc4bcb492c492d5670f174f6f7d541a11401
                  // literals "Sluice inflates DICOM, ", a match (length 14, distance 7) for
                  // "DICOM, DICOM, ", literal "!", end-of-block (256)
        """)
    static let fixedText = Array("Sluice inflates DICOM, DICOM, DICOM!".utf8)

    /// Level 9, `dynamicText` (310 bytes): one dynamic-Huffman block.
    static let dynamicStream = bytes(
        """
        75        // BFINAL=1, BTYPE=10 (dynamic); HLIT=14 (271 literal/length codes)
        8fb1      // HDIST=15 (16 distance codes), HCLEN=12 (16 code-length codes)
        6ec3300c447f
                  // the 16 code-length code lengths, 3 bits each, for the code-length symbols
                  // 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2: 0 3 5 3 3 3 0 3 0 3 0 3 0 4 0 5
                  // (ending at bit 65), then the 287 code lengths in that code, then the data
        e53ec0c807a4538166eb1404ddd988b209509441d17592afaf1c8f4136de3bdc91bc4c8c2fce4ac109a7dbac
        7295c0cf19df12a18c932521433859cbec68770bbae15acbecdc1a37446f481484c6d105057255adebee64
        e92585bb2d96ab170aa986d1eb32639598f6f87e0048c7ea1d96e1e9d5254078a8fc62624aec077cc29fd3
        d6b645f6252d3a2d204b9b34cce42f97517bffde1141e3d0f100651b631af047baf0c71b7ef807
        """)
    static let dynamicText = Array(
        ("The Deflated Explicit VR Little Endian transfer syntax compresses the data set "
            + "that follows the file meta information group with the deflate algorithm, without "
            + "a zlib header. A reader inflates the stream and then parses the data set as "
            + "Explicit VR Little Endian: tag, VR, length, value; tag, VR, length, value.").utf8)

    /// Level 6 with a `Z_SYNC_FLUSH` between "first part, " and "second part, first part,
    /// second part": a non-final fixed block, an empty stored block, a final fixed block.
    static let multiBlockStream = bytes(
        """
        4acb2c2a2e5128482c2ad15100 // BFINAL=0, BTYPE=01: "first part, ", end-of-block (106 bits)
        00                         // ... then BFINAL=0, BTYPE=00 (stored) at bit 106, padding
        0000 ffff                  // LEN=0, NLEN=0xFFFF
        2b4e4dcecf4b8172d2b04b0000 // BFINAL=1, BTYPE=01: "second part, " and matches, end-of-block
        """)
    static let multiBlockText = Array("first part, second part, first part, second part".utf8)

    /// Level 9, `repetitiveData()` (34400 bytes): the second copy of the 300-byte block is a match
    /// at distance 32500 (zlib never goes further than 32506), the run of "A" uses overlapping
    /// length-258 matches at distance 1, the "abc" run overlapping matches at distance 3. The
    /// zero bytes are the stretch of "x", one length-258 distance-1 match after the other.
    static let repetitiveStream = bytes(
        """
        edddb9ad58310c44d1da5c8a76711319ba7c3f77e0c0d1c73d984c1a48ac80b1b6d57b663b3c6b368dd74aab
        bd15eb0d3f326d54e515eda9cd65ef50ed75cec80addcf9798c69a234f4d7b5fe9bb57eddc8875c779d1d496
        9ed37c9e35c65798779b99587ed59333a7497be252f69d875c8f6b4bc6767f2dae9c1a4f7ad79cdbc7be697d
        1db9df939ebafb587d5998cadaf70d19b53dd4c27796588b3879ddfce59d7344d5883bf7f077772b51ab6b7f
        a758263be79378efba7edf9eab2c566f47247af594d4b4e6bf0100000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000e0870976defff3cefb5f007ebcd60721ff3d7f
        00
        """)

    /// 300 letters a-p from a linear congruential generator, 32200 "x", the 300 letters again,
    /// 1000 "A", 200 × "abc".
    static func repetitiveData() -> [UInt8] {
        var state: UInt32 = 12345
        var block: [UInt8] = []
        for _ in 0..<300 {
            state = state &* 1_103_515_245 &+ 12345
            block.append(UInt8(ascii: "a") + UInt8((state >> 16) & 15))
        }
        var data = block
        data += [UInt8](repeating: UInt8(ascii: "x"), count: 32200)
        data += block
        data += [UInt8](repeating: UInt8(ascii: "A"), count: 1000)
        for _ in 0..<200 { data += Array("abc".utf8) }
        return data
    }

    static var fixtures: [(stream: [UInt8], text: [UInt8])] {
        [
            (storedStream, storedText), (fixedStream, fixedText), (dynamicStream, dynamicText),
            (multiBlockStream, multiBlockText), (repetitiveStream, repetitiveData()),
        ]
    }

    // MARK: - Block types

    @Test func storedBlock() throws {
        var inflater = Inflater()
        #expect(try inflater.inflate(Self.storedStream) == Self.storedText)
        #expect(inflater.isFinished)
        try inflater.finish()
        #expect(inflater.totalInputBytes == 22)
        #expect(inflater.totalOutputBytes == 17)
        #expect(inflater.trailingByteCount == 0)
    }

    @Test func fixedHuffmanBlock() throws {
        #expect(try inflateAll(Self.fixedStream) == Self.fixedText)
    }

    @Test func dynamicHuffmanBlock() throws {
        #expect(try inflateAll(Self.dynamicStream) == Self.dynamicText)
    }

    @Test func severalBlocksWithAnEmptyStoredBlock() throws {
        #expect(try inflateAll(Self.multiBlockStream) == Self.multiBlockText)
    }

    @Test func emptyStream() throws {
        // zlib's deflate of no data: a final fixed block holding only end-of-block.
        var inflater = Inflater(maximumOutputBytes: 0)
        #expect(try inflater.inflate([0x03, 0x00]) == [])
        #expect(inflater.isFinished)
        try inflater.finish()
    }

    @Test func emptyInput() throws {
        var inflater = Inflater()
        #expect(try inflater.inflate([UInt8]()) == [])
        #expect(!inflater.isFinished)
        #expect(throws: InflateError(.truncated, inputOffset: 0)) { try inflater.finish() }

        // Empty chunks in the middle change nothing.
        var chunked = Inflater()
        var output = try chunked.inflate(Self.fixedStream[..<10])
        output += try chunked.inflate([UInt8]())
        output += try chunked.inflate(Self.fixedStream[10...])
        #expect(output == Self.fixedText)
    }

    // MARK: - Splitting the input

    @Test func everySplitPointGivesTheSameOutput() throws {
        for (stream, text) in Self.fixtures where stream.count < 300 {
            for split in 0...stream.count {
                var inflater = Inflater()
                var output = try inflater.inflate(stream[..<split])
                output += try inflater.inflate(stream[split...])
                try inflater.finish()
                #expect(output == text, "split at \(split)")
            }
        }
    }

    @Test func oneByteAtATime() throws {
        for (stream, text) in Self.fixtures {
            var inflater = Inflater()
            var output: [UInt8] = []
            for byte in stream { output += try inflater.inflate(CollectionOfOne(byte)) }
            try inflater.finish()
            #expect(output == text)
            #expect(inflater.totalInputBytes == stream.count)
            #expect(inflater.totalOutputBytes == text.count)
        }
    }

    @Test func randomChunkSizes() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for (stream, text) in Self.fixtures {
            for _ in 0..<20 {
                let output = try inflateInChunks(stream, maximumChunk: 40, using: &generator)
                #expect(output == text)
            }
        }
    }

    // MARK: - End of stream

    @Test func trailingBytesAreCountedAndIgnored() throws {
        var inflater = Inflater()
        let padding: [UInt8] = [0x00, 0x00, 0xFF]
        #expect(try inflater.inflate(Self.multiBlockStream + padding) == Self.multiBlockText)
        #expect(inflater.isFinished)
        #expect(inflater.trailingByteCount == 3)
        #expect(try inflater.inflate([0x42]) == [])
        #expect(inflater.trailingByteCount == 4)
        #expect(inflater.totalInputBytes == Self.multiBlockStream.count + 4)
        try inflater.finish()

        // The same, one byte at a time.
        var bytewise = Inflater()
        var output: [UInt8] = []
        for byte in Self.dynamicStream + padding { output += try bytewise.inflate([byte]) }
        #expect(output == Self.dynamicText)
        #expect(bytewise.trailingByteCount == 3)
    }

    @Test func truncationAtEveryOffset() throws {
        for (stream, text) in Self.fixtures where stream.count < 300 {
            for length in 0..<stream.count {
                var inflater = Inflater()
                let output = try inflater.inflate(stream[..<length])
                #expect(text.starts(with: output))
                #expect(!inflater.isFinished)
                #expect(throws: InflateError(.truncated, inputOffset: length)) { try inflater.finish() }
            }
        }
    }

    // MARK: - Matches

    @Test func longRepetitiveInput() throws {
        let data = Self.repetitiveData()
        #expect(try inflateAll(Self.repetitiveStream) == data)
        var generator = SplitMix64(seed: 7)
        #expect(try inflateInChunks(Self.repetitiveStream, maximumChunk: 3, using: &generator) == data)
    }

    @Test func distance32768AndLength258() throws {
        // "Q", then "z" (a literal and 127 matches of 258 at distance 1) up to 32768 bytes, then
        // matches reaching back exactly 32768 bytes, then one of 32767.
        var items: [Item] = [.literal(UInt8(ascii: "Q")), .literal(UInt8(ascii: "z"))]
        items += Array(repeating: .match(length: 258, distance: 1), count: 127)
        items += [.match(length: 258, distance: 32768), .match(length: 3, distance: 32768)]
        items += [.match(length: 258, distance: 32767), .literal(UInt8(ascii: "!"))]
        let stream = fixedBlock(items)
        let expected = reference(items)
        #expect(expected.count == 32768 + 258 + 3 + 258 + 1)
        #expect(try inflateAll(stream) == expected)

        // Fed in small pieces the long matches reach into the window kept from earlier calls.
        var generator = SplitMix64(seed: 32768)
        #expect(try inflateInChunks(stream, maximumChunk: 5, using: &generator) == expected)
        var bytewise = Inflater()
        var output: [UInt8] = []
        for byte in stream { output += try bytewise.inflate([byte]) }
        #expect(output == expected)
    }

    @Test func overlappingCopiesOfEveryShortDistance() throws {
        var items: [Item] = Array("abcdefghij".utf8).map { .literal($0) }
        for distance in 1...10 {
            for length in [3, 4, 7, 8, 9, 15, 16, 17, 31, 100, 257, 258] {
                items.append(.match(length: length, distance: distance))
                items.append(.literal(UInt8(truncatingIfNeeded: distance &* 31 &+ length)))
            }
        }
        let stream = fixedBlock(items)
        let expected = reference(items)
        #expect(try inflateAll(stream) == expected)
        var generator = SplitMix64(seed: 3)
        #expect(try inflateInChunks(stream, maximumChunk: 9, using: &generator) == expected)
    }

    // MARK: - Huffman codes zlib never writes

    @Test func singleDistanceCodeIsLegal() throws {
        // Literal/length: "a", "b", 256 and 257 (length 3), 2 bits each. Distance: only code 1
        // (distance 2), 1 bit: an incomplete code, which RFC 1951 §3.2.7 allows.
        var literalLengths = [Int](repeating: 0, count: 258)
        for symbol in [97, 98, 256, 257] { literalLengths[symbol] = 2 }
        var writer = BitWriter()
        let (literals, distances) = writer.dynamicHeader(literalLengths: literalLengths, distanceLengths: [0, 1])
        writer.items([.literal(97), .literal(98), .match(length: 3, distance: 2), .endOfBlock], literals, distances)
        #expect(try inflateAll(writer.bytes) == Array("ababa".utf8))

        // The unused distance pattern (bit 1) is an invalid code.
        var unused = BitWriter()
        let codes = unused.dynamicHeader(literalLengths: literalLengths, distanceLengths: [0, 1])
        unused.items([.literal(97), .literal(98)], codes.0, codes.1)
        codes.0.write(257, to: &unused)
        unused.write(1, bits: 1)
        unused.items([.endOfBlock], codes.0, codes.1)
        #expect(inflateError(unused.bytes)?.kind == .invalidSymbol)
    }

    @Test func blockWithoutDistanceCodes() throws {
        var literalLengths = [Int](repeating: 0, count: 258)
        for symbol in [97, 98, 256, 257] { literalLengths[symbol] = 2 }
        var writer = BitWriter()
        let codes = writer.dynamicHeader(literalLengths: literalLengths, distanceLengths: [0])
        writer.items([.literal(98), .literal(97), .endOfBlock], codes.0, codes.1)
        #expect(try inflateAll(writer.bytes) == Array("ba".utf8))

        // A length then has no distance to go with it.
        var invalid = BitWriter()
        let invalidCodes = invalid.dynamicHeader(literalLengths: literalLengths, distanceLengths: [0])
        invalid.items([.literal(98)], invalidCodes.0, invalidCodes.1)
        invalidCodes.0.write(257, to: &invalid)
        invalid.write(0, bits: 8)
        #expect(inflateError(invalid.bytes)?.kind == .invalidSymbol)
    }

    @Test func singleLiteralLengthCodeIsLegal() throws {
        // Only end-of-block, with a 1-bit code.
        var literalLengths = [Int](repeating: 0, count: 257)
        literalLengths[256] = 1
        var writer = BitWriter()
        let codes = writer.dynamicHeader(literalLengths: literalLengths, distanceLengths: [0])
        writer.items([.endOfBlock], codes.0, codes.1)
        #expect(try inflateAll(writer.bytes) == [])
    }

    // MARK: - Malformed streams

    @Test func reservedBlockType() {
        #expect(inflateError([0x07, 0x00]) == InflateError(.invalidBlockType, inputOffset: 0))
        // After a complete non-final stored block of 2 bytes.
        #expect(
            inflateError([0x00, 0x02, 0x00, 0xFD, 0xFF, 0x41, 0x42, 0x07])
                == InflateError(.invalidBlockType, inputOffset: 7))
    }

    @Test func storedLengthMismatch() {
        #expect(
            inflateError([0x01, 0x05, 0x00, 0xFA, 0xFE, 1, 2, 3, 4, 5])
                == InflateError(.storedLengthMismatch, inputOffset: 1))
    }

    @Test func overSubscribedCodeLengthCode() {
        var writer = BitWriter()
        writer.blockHeader(type: 2)
        writer.write(0, bits: 5)  // HLIT: 257
        writer.write(0, bits: 5)  // HDIST: 1
        writer.write(15, bits: 4)  // HCLEN: 19
        for _ in 0..<19 { writer.write(1, bits: 3) }  // 19 codes of 1 bit
        writer.write(0, bits: 32)
        #expect(inflateError(writer.bytes)?.kind == .invalidCodeLengths)
    }

    @Test func incompleteCodeLengthCode() {
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        codeLengthLengths[0] = 1  // a single 1-bit code: not allowed for the code-length code
        var writer = BitWriter()
        writer.dynamicHeader(literalCount: 257, distanceCount: 1, codeLengthLengths: codeLengthLengths, symbols: [])
        writer.write(0, bits: 64)
        #expect(inflateError(writer.bytes)?.kind == .invalidCodeLengths)
    }

    @Test func overSubscribedLiteralLengthCode() {
        var literalLengths = [Int](repeating: 0, count: 257)
        for symbol in [0, 1, 2, 256] { literalLengths[symbol] = 1 }
        #expect(inflateError(dynamicHeaderOnly(literalLengths, [1, 1]))?.kind == .invalidCodeLengths)
    }

    @Test func incompleteLiteralLengthCode() {
        var literalLengths = [Int](repeating: 0, count: 257)
        for symbol in [97, 98, 256] { literalLengths[symbol] = 2 }
        #expect(inflateError(dynamicHeaderOnly(literalLengths, [1, 1]))?.kind == .invalidCodeLengths)
    }

    @Test func incompleteDistanceCode() {
        var literalLengths = [Int](repeating: 0, count: 258)
        for symbol in [97, 98, 256, 257] { literalLengths[symbol] = 2 }
        // Two 2-bit codes cover half of the code space; only a lone 1-bit code may be incomplete.
        #expect(inflateError(dynamicHeaderOnly(literalLengths, [2, 2]))?.kind == .invalidCodeLengths)
        #expect(inflateError(dynamicHeaderOnly(literalLengths, [0, 0, 3]))?.kind == .invalidCodeLengths)
    }

    @Test func missingEndOfBlockCode() {
        var literalLengths = [Int](repeating: 0, count: 257)
        literalLengths[65] = 1
        literalLengths[66] = 1
        #expect(inflateError(dynamicHeaderOnly(literalLengths, [1, 1]))?.kind == .invalidCodeLengths)
    }

    @Test func tooManyLiteralLengthOrDistanceCodes() {
        var literalLengths = [Int](repeating: 8, count: 256) + [8, 8, 8, 8, 8, 8, 8, 8]
        literalLengths += [Int](repeating: 0, count: 23)  // 287 codes, HLIT = 30
        #expect(inflateError(dynamicHeaderOnly(literalLengths, [1, 1]))?.kind == .invalidCodeLengths)
        var literal288 = literalLengths
        literal288.append(0)  // 288 codes, HLIT = 31
        #expect(inflateError(dynamicHeaderOnly(literal288, [1, 1]))?.kind == .invalidCodeLengths)

        var endOnly = [Int](repeating: 0, count: 257)
        endOnly[256] = 1
        let distances31 = [Int](repeating: 5, count: 31)  // HDIST = 30
        #expect(inflateError(dynamicHeaderOnly(endOnly, distances31))?.kind == .invalidCodeLengths)
    }

    @Test func badRepeatCodes() {
        // Code-length code: symbols 1, 16, 17, 18 with 2 bits each.
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for symbol in [1, 16, 17, 18] { codeLengthLengths[symbol] = 2 }

        // 16 (repeat previous) with nothing before it.
        var first = BitWriter()
        first.dynamicHeader(
            literalCount: 257, distanceCount: 1, codeLengthLengths: codeLengthLengths, symbols: [(16, 0)])
        first.write(0, bits: 32)
        #expect(inflateError(first.bytes)?.kind == .invalidCodeLengths)

        // 138 + 138 zeros, then 3 more than the 258 lengths there are.
        var past = BitWriter()
        past.dynamicHeader(
            literalCount: 257, distanceCount: 1, codeLengthLengths: codeLengthLengths,
            symbols: [(18, 127), (18, 127)])
        past.write(0, bits: 32)
        #expect(inflateError(past.bytes)?.kind == .invalidCodeLengths)

        var repeatPast = BitWriter()
        repeatPast.dynamicHeader(
            literalCount: 257, distanceCount: 1, codeLengthLengths: codeLengthLengths,
            symbols: [(18, 127), (18, 105), (1, 0), (16, 3)])
        repeatPast.write(0, bits: 32)
        #expect(inflateError(repeatPast.bytes)?.kind == .invalidCodeLengths)
    }

    @Test func literalLengthSymbols286And287() {
        for symbol in [286, 287] {
            var writer = BitWriter()
            writer.blockHeader(type: 1)
            BitWriter.fixedLiterals.write(65, to: &writer)
            BitWriter.fixedLiterals.write(symbol, to: &writer)
            writer.write(0, bits: 16)
            // Header (3 bits) and "A" (8 bits): the bad symbol starts at bit 11.
            #expect(inflateError(writer.bytes) == InflateError(.invalidSymbol, inputOffset: 1))
        }
    }

    @Test func distanceCodes30And31() {
        for code in [30, 31] {
            var writer = BitWriter()
            writer.blockHeader(type: 1)
            writer.items([.literal(65)], BitWriter.fixedLiterals, BitWriter.fixedDistances)
            BitWriter.fixedLiterals.write(257, to: &writer)  // length 3
            BitWriter.fixedDistances.write(code, to: &writer)
            writer.write(0, bits: 16)
            // 3 + 8 + 7 bits before the distance code.
            #expect(inflateError(writer.bytes) == InflateError(.invalidSymbol, inputOffset: 2))
        }
    }

    @Test func distanceBeyondOutput() throws {
        let atStart = fixedBlock([.match(length: 3, distance: 1)])
        #expect(inflateError(atStart) == InflateError(.distanceTooFar, inputOffset: 1))

        var items: [Item] = Array("0123456789".utf8).map { .literal($0) }
        #expect(try inflateAll(fixedBlock(items + [.match(length: 5, distance: 10)])) == Array("012345678901234".utf8))
        items.append(.match(length: 5, distance: 11))
        let tooFar = fixedBlock(items)
        #expect(inflateError(tooFar)?.kind == .distanceTooFar)

        // Also when the output before the match came from earlier calls.
        var inflater = Inflater()
        var failure: InflateError?
        do throws(InflateError) {
            for byte in tooFar { _ = try inflater.inflate([byte]) }
        } catch { failure = error }
        #expect(failure?.kind == .distanceTooFar)
    }

    @Test func errorsAreSticky() {
        var inflater = Inflater()
        #expect(throws: InflateError(.invalidBlockType, inputOffset: 0)) { try inflater.inflate([0x07]) }
        #expect(throws: InflateError(.invalidBlockType, inputOffset: 0)) { try inflater.inflate(Self.storedStream) }
        #expect(throws: InflateError(.invalidBlockType, inputOffset: 0)) { try inflater.finish() }
    }

    @Test func garbageNeverCrashes() {
        var generator = SplitMix64(seed: 1951)
        for round in 0..<3000 {
            var stream: [UInt8]
            if round % 2 == 0 {
                stream = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                // Mostly dynamic or fixed blocks, which get further than random block types.
                if !stream.isEmpty { stream[0] = stream[0] & 0xF9 | (round % 4 == 0 ? 0x04 : 0x02) }
            } else {
                // A valid stream with a few bits flipped.
                let fixtures = [Self.fixedStream, Self.dynamicStream, Self.multiBlockStream, Self.repetitiveStream]
                stream = fixtures[round / 2 % fixtures.count]
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<stream.count, using: &generator)
                    stream[index] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
                }
            }
            var inflater = Inflater(maximumOutputBytes: 1 << 20)
            var output = 0
            do throws(InflateError) {
                output += try inflater.inflate(stream).count
                try inflater.finish()
            } catch {}
            #expect(output <= 1 << 20)
        }
    }

    // MARK: - Output limit

    @Test func outputLimit() throws {
        let data = Self.repetitiveData()
        var exact = Inflater(maximumOutputBytes: data.count)
        #expect(try exact.inflate(Self.repetitiveStream) == data)
        try exact.finish()

        #expect(inflateError(Self.repetitiveStream, limit: data.count - 1)?.kind == .outputLimitExceeded)
        #expect(inflateError(Self.repetitiveStream, limit: 1000)?.kind == .outputLimitExceeded)
        #expect(inflateError(Self.storedStream, limit: 16)?.kind == .outputLimitExceeded)
        #expect(inflateError(Self.fixedStream, limit: 0)?.kind == .outputLimitExceeded)

        // Fed a byte at a time, the output stops short of the limit before the error.
        var bytewise = Inflater(maximumOutputBytes: 20_000)
        var output: [UInt8] = []
        var failure: InflateError?
        do throws(InflateError) {
            for byte in Self.repetitiveStream { output += try bytewise.inflate([byte]) }
        } catch { failure = error }
        #expect(failure?.kind == .outputLimitExceeded)
        #expect(output.count <= 20_000)
        #expect(data.starts(with: output))
    }

    @Test func deflateBomb() {
        // 2000 matches of 258 zero bytes: ~500 KB of output from ~500 bytes of input.
        let bomb = fixedBlock([.literal(0)] + Array(repeating: .match(length: 258, distance: 1), count: 2000))
        #expect(inflateError(bomb, limit: 100_000)?.kind == .outputLimitExceeded)
    }

    @Test func errorDescription() {
        #expect(
            InflateError(.invalidCodeLengths, inputOffset: 123).description
                == "invalid Huffman code lengths at compressed byte 123")
        #expect(InflateError(.truncated, inputOffset: 9).description == "truncated DEFLATE stream at compressed byte 9")
    }
}

// MARK: - Helpers

extension InflaterTests {
    /// Hex digits, with `//` comments and white space ignored.
    static func bytes(_ annotated: String) -> [UInt8] {
        var digits: [UInt8] = []
        for line in annotated.split(separator: "\n") {
            let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false)[0]
            for character in code.utf8 where character != UInt8(ascii: " ") {
                switch character {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(character - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digits.append(character - UInt8(ascii: "a") + 10)
                default: preconditionFailure("not a hex digit: \(UnicodeScalar(character))")
                }
            }
        }
        precondition(digits.count % 2 == 0, "odd number of hex digits")
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    func inflateAll(_ stream: [UInt8]) throws -> [UInt8] {
        var inflater = Inflater()
        let output = try inflater.inflate(stream)
        try inflater.finish()
        return output
    }

    func inflateInChunks(_ stream: [UInt8], maximumChunk: Int, using generator: inout SplitMix64) throws -> [UInt8] {
        var inflater = Inflater()
        var output: [UInt8] = []
        var start = 0
        while start < stream.count {
            let end = min(stream.count, start + Int.random(in: 0...maximumChunk, using: &generator))
            output += try inflater.inflate(stream[start..<end])
            start = end
        }
        try inflater.finish()
        return output
    }

    func inflateError(_ stream: [UInt8], limit: Int = .max) -> InflateError? {
        var inflater = Inflater(maximumOutputBytes: limit)
        do throws(InflateError) {
            _ = try inflater.inflate(stream)
            try inflater.finish()
            return nil
        } catch {
            return error
        }
    }

    /// A final fixed-Huffman block with these items and end-of-block.
    func fixedBlock(_ items: [Item]) -> [UInt8] {
        var writer = BitWriter()
        writer.blockHeader(type: 1)
        writer.items(items + [.endOfBlock], BitWriter.fixedLiterals, BitWriter.fixedDistances)
        return writer.bytes
    }

    /// A final dynamic block header with these code lengths, followed by zero bits.
    func dynamicHeaderOnly(_ literalLengths: [Int], _ distanceLengths: [Int]) -> [UInt8] {
        var writer = BitWriter()
        _ = writer.dynamicHeader(literalLengths: literalLengths, distanceLengths: distanceLengths)
        writer.write(0, bits: 64)
        return writer.bytes
    }

    /// What decoding the items must give.
    func reference(_ items: [Item]) -> [UInt8] {
        var output: [UInt8] = []
        for item in items {
            switch item {
            case .literal(let byte): output.append(byte)
            case .match(let length, let distance):
                for _ in 0..<length { output.append(output[output.count - distance]) }
            case .endOfBlock: break
            }
        }
        return output
    }
}

extension InflaterTests {
    enum Item {
        case literal(UInt8)
        case match(length: Int, distance: Int)
        case endOfBlock
    }

    /// Writes DEFLATE bit streams: fields LSB first, Huffman codes MSB first (RFC 1951 §3.1.1).
    struct BitWriter {
        var bytes: [UInt8] = []
        private var bitCount = 0

        mutating func write(_ value: Int, bits: Int) {
            for bit in 0..<bits {
                if bitCount % 8 == 0 { bytes.append(0) }
                bytes[bytes.count - 1] |= UInt8((value >> bit) & 1) << UInt8(bitCount % 8)
                bitCount += 1
            }
        }

        mutating func blockHeader(final: Bool = true, type: Int) {
            write(final ? 1 : 0, bits: 1)
            write(type, bits: 2)
        }

        /// The canonical Huffman code for some code lengths (RFC 1951 §3.2.2).
        struct Code {
            let lengths: [Int]
            let codes: [Int]

            init(lengths: [Int]) {
                self.lengths = lengths
                var counts = [Int](repeating: 0, count: 16)
                for length in lengths where length > 0 { counts[length] += 1 }
                var next = [Int](repeating: 0, count: 16)
                var code = 0
                for length in 1..<16 {
                    code = (code + counts[length - 1]) << 1
                    next[length] = code
                }
                var codes = [Int](repeating: 0, count: lengths.count)
                for (symbol, length) in lengths.enumerated() where length > 0 {
                    codes[symbol] = next[length]
                    next[length] += 1
                }
                self.codes = codes
            }

            func write(_ symbol: Int, to writer: inout BitWriter) {
                let length = lengths[symbol]
                precondition(length > 0, "symbol \(symbol) has no code")
                for bit in stride(from: length - 1, through: 0, by: -1) { writer.write(codes[symbol] >> bit, bits: 1) }
            }
        }

        static let fixedLiterals = Code(
            lengths: [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112) + [Int](repeating: 7, count: 24)
                + [Int](repeating: 8, count: 8))
        static let fixedDistances = Code(lengths: [Int](repeating: 5, count: 32))

        static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        static let distanceBases = [
            1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
            6145, 8193, 12289, 16385, 24577,
        ]
        static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

        mutating func items(_ items: [Item], _ literals: Code, _ distances: Code) {
            for item in items {
                switch item {
                case .literal(let byte):
                    literals.write(Int(byte), to: &self)
                case .endOfBlock:
                    literals.write(256, to: &self)
                case .match(let length, let distance):
                    let lengthIndex = Self.lengthBases.lastIndex { $0 <= length }!
                    literals.write(257 + lengthIndex, to: &self)
                    write(length - Self.lengthBases[lengthIndex], bits: Self.lengthExtra[lengthIndex])
                    let distanceIndex = Self.distanceBases.lastIndex { $0 <= distance }!
                    distances.write(distanceIndex, to: &self)
                    write(distance - Self.distanceBases[distanceIndex], bits: Self.distanceExtra[distanceIndex])
                }
            }
        }

        static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

        /// A final dynamic block header: HLIT, HDIST, HCLEN = 19, the code-length code, then `symbols`
        /// (code-length symbol, extra bits value) in that code.
        mutating func dynamicHeader(
            literalCount: Int, distanceCount: Int, codeLengthLengths: [Int], symbols: [(Int, Int)]
        ) {
            blockHeader(type: 2)
            write(literalCount - 257, bits: 5)
            write(distanceCount - 1, bits: 5)
            write(19 - 4, bits: 4)
            for symbol in Self.codeLengthOrder { write(codeLengthLengths[symbol], bits: 3) }
            let code = Code(lengths: codeLengthLengths)
            for (symbol, extra) in symbols {
                code.write(symbol, to: &self)
                switch symbol {
                case 16: write(extra, bits: 2)
                case 17: write(extra, bits: 3)
                case 18: write(extra, bits: 7)
                default: break
                }
            }
        }

        /// A final dynamic block header for these code lengths, each written as a plain code-length
        /// symbol with a 4-bit code-length code. Returns the literal/length and distance codes.
        @discardableResult
        mutating func dynamicHeader(literalLengths: [Int], distanceLengths: [Int]) -> (Code, Code) {
            let codeLengthLengths = [Int](repeating: 4, count: 16) + [0, 0, 0]
            dynamicHeader(
                literalCount: literalLengths.count, distanceCount: distanceLengths.count,
                codeLengthLengths: codeLengthLengths, symbols: (literalLengths + distanceLengths).map { ($0, 0) })
            return (Code(lengths: literalLengths), Code(lengths: distanceLengths))
        }
    }

    /// A small seeded generator, so the random splits are the same on every run.
    struct SplitMix64: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }
}
