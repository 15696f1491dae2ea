// Bit input, Huffman decoding tables and block headers of the DEFLATE decoder (RFC 1951 §3.2).

extension Inflater {
    // MARK: - Bit reader

    /// LSB-first bit reader over one contiguous chunk of input, with a 64-bit bit buffer.
    ///
    /// Invariant: bits of `bitBuffer` above `bitCount` are zero or copies of the input bits that
    /// follow (the word-wise refill in the hot loop loads a few bytes ahead), so OR-ing a byte in at
    /// `bitCount` is always correct. Consumed position: `position * 8 - bitCount` bits.
    struct BitReader {
        let base: UnsafePointer<UInt8>
        let end: Int
        var position = 0
        var bitBuffer: UInt64 = 0
        var bitCount = 0

        init(_ input: UnsafeBufferPointer<UInt8>) {
            // `inflate` never runs on an empty chunk, so there is a base address.
            base = input.baseAddress!
            end = input.count
        }

        var consumedBits: Int { position * 8 - bitCount }

        /// Loads whole bytes until the buffer holds at least 56 bits (at most 63) or the input ends.
        @inline(__always)
        mutating func refill() {
            while bitCount < 56, position < end {
                bitBuffer |= UInt64(base[position]) &<< UInt64(bitCount)
                position &+= 1
                bitCount &+= 8
            }
        }

        @inline(__always)
        mutating func consume(_ count: Int) {
            bitBuffer &>>= UInt64(count)
            bitCount &-= count
        }

        /// The next `count` (≤ 32) bits as a number, or nil when the input ends first.
        mutating func bits(_ count: Int) -> Int? {
            refill()
            guard bitCount >= count else { return nil }
            let value = Int(truncatingIfNeeded: bitBuffer & ((1 &<< UInt64(count)) &- 1))
            consume(count)
            return value
        }

        /// Drops the bits up to the next byte boundary and gives back whole buffered bytes, so that
        /// `position` is the next unread byte (for stored blocks).
        mutating func alignToByte() {
            consume(bitCount & 7)
            position -= bitCount / 8
            bitBuffer = 0
            bitCount = 0
        }
    }

    // MARK: - Decoding tables

    // A table is a root table of 2^rootBits entries indexed by the next rootBits input bits, followed
    // by subtables for the codes longer than rootBits. Each entry is a UInt32:
    //   bits 0-7    code length in bits (the whole code, also in subtables)
    //   bits 8-15   tag: see `Tag`
    //   bits 16-31  value: literal byte, base length or distance, code-length symbol, or the index
    //               of a subtable
    enum Tag {
        /// A literal byte (or a code-length alphabet symbol).
        static let literal: UInt32 = 0x00
        /// A length or distance: `base | extra bits count` (count in the low 4 bits).
        static let base: UInt32 = 0x10
        static let endOfBlock: UInt32 = 0x20
        /// Link to a subtable: `link | subtable bits` (in the low 4 bits).
        static let link: UInt32 = 0x40
        /// A code for no valid symbol (or a bit pattern no code uses).
        static let invalid: UInt32 = 0x80
    }

    static let literalRootBits = 10
    static let distanceRootBits = 8
    static let codeLengthRootBits = 7

    enum Alphabet { case literalLength, distance, codeLength }

    static let lengthBases: [UInt32] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    static let lengthExtraBits: [UInt32] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBases: [UInt32] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtraBits: [UInt32] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    /// Order of the code-length code lengths in a dynamic block header.
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static func entry(symbol: Int, alphabet: Alphabet, length: Int) -> UInt32 {
        let tag: UInt32
        let value: UInt32
        switch alphabet {
        case .literalLength where symbol < 256:
            (tag, value) = (Tag.literal, UInt32(symbol))
        case .literalLength where symbol == 256:
            (tag, value) = (Tag.endOfBlock, 0)
        case .literalLength where symbol < 286:
            (tag, value) = (Tag.base | lengthExtraBits[symbol - 257], lengthBases[symbol - 257])
        case .distance where symbol < 30:
            (tag, value) = (Tag.base | distanceExtraBits[symbol], distanceBases[symbol])
        case .codeLength:
            (tag, value) = (Tag.literal, UInt32(symbol))
        default:
            (tag, value) = (Tag.invalid, 0)
        }
        return value << 16 | tag << 8 | UInt32(length)
    }

    /// Builds the decoding table of the canonical code with these code lengths (0 = unused), or
    /// returns nil if they describe no valid code.
    ///
    /// Over-subscribed codes are never valid. Incomplete codes are valid only as a single code of
    /// length 1 for literal/length or distance (RFC 1951 §3.2.7 allows one distance code), or as
    /// no code at all for distance (a block of literals only); unused bit patterns decode to
    /// `Tag.invalid`.
    static func buildTable(lengths: [UInt8], alphabet: Alphabet, rootBits: Int) -> [UInt32]? {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var left = 1
        var maximumLength = 0
        for length in 1...15 {
            left = left << 1 - counts[length]
            if left < 0 { return nil }
            if counts[length] > 0 { maximumLength = length }
        }
        if left > 0 {
            switch (alphabet, maximumLength) {
            case (.distance, 0), (.distance, 1), (.literalLength, 1): break
            default: return nil
            }
        }
        // An unused pattern is known to be unused once its first bit is seen (after a lone
        // length-1 code), or immediately when there is no code at all.
        let unused = Tag.invalid << 8 | UInt32(min(maximumLength, 1))
        let rootSize = 1 << rootBits
        var table = [UInt32](repeating: unused, count: rootSize)
        if maximumLength == 0 { return table }

        // Canonical codes (RFC 1951 §3.2.2).
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            nextCode[length] = code
        }
        var codes = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            codes[symbol] = nextCode[Int(length)]
            nextCode[Int(length)] += 1
        }

        // Subtables: one per root slot shared by longer codes, sized for the longest of them.
        if maximumLength > rootBits {
            var longest = [Int](repeating: 0, count: rootSize)
            for (symbol, length) in lengths.enumerated() where Int(length) > rootBits {
                let slot = reversed(codes[symbol] >> (Int(length) - rootBits), bitCount: rootBits)
                longest[slot] = max(longest[slot], Int(length))
            }
            for slot in 0..<rootSize where longest[slot] > 0 {
                let subtableBits = longest[slot] - rootBits
                table[slot] = UInt32(table.count) << 16 | (Tag.link | UInt32(subtableBits)) << 8 | UInt32(rootBits)
                table.append(contentsOf: repeatElement(unused, count: 1 << subtableBits))
            }
        }

        for (symbol, length) in lengths.enumerated() where length > 0 {
            let length = Int(length)
            let reversedCode = reversed(codes[symbol], bitCount: length)
            let value = entry(symbol: symbol, alphabet: alphabet, length: length)
            if length <= rootBits {
                var index = reversedCode
                while index < rootSize {
                    table[index] = value
                    index += 1 << length
                }
            } else {
                let link = table[reversedCode & (rootSize - 1)]
                let start = Int(link >> 16)
                let subtableSize = 1 << Int((link >> 8) & 0xF)
                var index = reversedCode >> rootBits
                while index < subtableSize {
                    table[start + index] = value
                    index += 1 << (length - rootBits)
                }
            }
        }
        return table
    }

    private static func reversed(_ code: Int, bitCount: Int) -> Int {
        var code = code
        var result = 0
        for _ in 0..<bitCount {
            result = result << 1 | code & 1
            code >>= 1
        }
        return result
    }

    /// Tables of the fixed Huffman codes (RFC 1951 §3.2.6). Literal/length 286-287 and distance
    /// 30-31 have codes but stand for nothing: they decode to `Tag.invalid`.
    static let fixedLiteralTable: [UInt32] = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        return buildTable(lengths: lengths, alphabet: .literalLength, rootBits: literalRootBits)!
    }()

    static let fixedDistanceTable: [UInt32] = buildTable(
        lengths: [UInt8](repeating: 5, count: 32), alphabet: .distance, rootBits: distanceRootBits
    )!

    // MARK: - Block headers

    enum HeaderStatus {
        case complete
        case needInput
        case failure(InflateError.Kind, atBit: Int)
    }

    /// Reads BFINAL, BTYPE and the rest of the block header (stored LEN/NLEN, or the code lengths
    /// of a dynamic block) and enters the block. When the input ends inside the header, the reader
    /// is put back at the start of the block so the header is read again with more input.
    mutating func readBlockHeader(_ reader: inout BitReader) -> HeaderStatus {
        let start = reader
        guard let final = reader.bits(1), let type = reader.bits(2) else {
            reader = start
            return .needInput
        }
        switch type {
        case 0:
            reader.alignToByte()
            guard reader.end - reader.position >= 4 else {
                reader = start
                return .needInput
            }
            let bytes = reader.base + reader.position
            let length = Int(bytes[0]) | Int(bytes[1]) << 8
            let complement = Int(bytes[2]) | Int(bytes[3]) << 8
            guard length == ~complement & 0xFFFF else {
                return .failure(.storedLengthMismatch, atBit: reader.position * 8)
            }
            reader.position += 4
            mode = .stored(remaining: length)
        case 1:
            literalTable = Self.fixedLiteralTable
            distanceTable = Self.fixedDistanceTable
            mode = .codes
        case 2:
            switch readDynamicTables(&reader) {
            case .complete: mode = .codes
            case .needInput:
                reader = start
                return .needInput
            case .failure(let kind, let bit):
                return .failure(kind, atBit: bit)
            }
        default:
            return .failure(.invalidBlockType, atBit: start.consumedBits)
        }
        isFinalBlock = final == 1
        return .complete
    }

    /// Reads HLIT, HDIST, HCLEN and the code lengths of a dynamic block (RFC 1951 §3.2.7) and
    /// builds its tables.
    private mutating func readDynamicTables(_ reader: inout BitReader) -> HeaderStatus {
        let countsStart = reader.consumedBits
        guard let literalCodes = reader.bits(5), let distanceCodes = reader.bits(5),
            let codeLengthCodes = reader.bits(4)
        else { return .needInput }
        let literalCount = literalCodes + 257
        let distanceCount = distanceCodes + 1
        guard literalCount <= 286, distanceCount <= 30 else {
            return .failure(.invalidCodeLengths, atBit: countsStart)
        }

        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<(codeLengthCodes + 4) {
            guard let length = reader.bits(3) else { return .needInput }
            codeLengthLengths[Self.codeLengthOrder[index]] = UInt8(length)
        }
        guard
            let codeLengthTable = Self.buildTable(
                lengths: codeLengthLengths, alphabet: .codeLength, rootBits: Self.codeLengthRootBits)
        else { return .failure(.invalidCodeLengths, atBit: reader.consumedBits) }

        let total = literalCount + distanceCount
        var lengths = [UInt8](repeating: 0, count: total)
        var index = 0
        while index < total {
            let symbolStart = reader.consumedBits
            reader.refill()
            let entry = codeLengthTable[Int(truncatingIfNeeded: reader.bitBuffer & 0x7F)]
            let codeLength = Int(entry & 0xFF)
            guard codeLength <= reader.bitCount else { return .needInput }
            reader.consume(codeLength)
            let symbol = Int(entry >> 16)
            if symbol < 16 {
                lengths[index] = UInt8(symbol)
                index += 1
                continue
            }
            let repeated: UInt8
            let count: Int
            switch symbol {
            case 16:
                guard let extra = reader.bits(2) else { return .needInput }
                guard index > 0 else { return .failure(.invalidCodeLengths, atBit: symbolStart) }
                (repeated, count) = (lengths[index - 1], 3 + extra)
            case 17:
                guard let extra = reader.bits(3) else { return .needInput }
                (repeated, count) = (0, 3 + extra)
            default:
                guard let extra = reader.bits(7) else { return .needInput }
                (repeated, count) = (0, 11 + extra)
            }
            guard count <= total - index else { return .failure(.invalidCodeLengths, atBit: symbolStart) }
            for offset in index..<(index + count) { lengths[offset] = repeated }
            index += count
        }

        let end = reader.consumedBits
        // Without an end-of-block code the block could never end.
        guard lengths[256] > 0,
            let literals = Self.buildTable(
                lengths: Array(lengths[..<literalCount]), alphabet: .literalLength, rootBits: Self.literalRootBits),
            let distances = Self.buildTable(
                lengths: Array(lengths[literalCount...]), alphabet: .distance, rootBits: Self.distanceRootBits)
        else { return .failure(.invalidCodeLengths, atBit: end - 1) }
        literalTable = literals
        distanceTable = distances
        return .complete
    }
}
