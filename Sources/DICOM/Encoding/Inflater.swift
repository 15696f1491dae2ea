/// Incremental raw DEFLATE (RFC 1951) decoder.
///
/// Used for the Deflated Explicit VR Little Endian transfer syntax (PS3.5 §A.5): everything after
/// the file meta information group is one raw DEFLATE stream, without a zlib or gzip wrapper.
///
/// Memory stays bounded whatever the stream: the decoder keeps the 32 KiB sliding window, the
/// Huffman tables of the current block and the few input bytes of a symbol or block header that
/// was cut off by the end of a chunk. Such a partial item is decoded again from its start when the
/// next chunk arrives, so input may be split anywhere.
///
/// The decoder is split over several files: this one holds the public surface and the block-level
/// state machine, `Inflater+Huffman.swift` the table construction and block headers,
/// `Inflater+Codes.swift` the hot loop that decodes compressed data.
package struct Inflater: Sendable {
    /// The decoder throws `.outputLimitExceeded` rather than produce more than this many bytes.
    package let maximumOutputBytes: Int
    /// Compressed bytes fed so far, trailing bytes included.
    package private(set) var totalInputBytes = 0
    /// Decompressed bytes returned so far.
    package private(set) var totalOutputBytes = 0
    /// Bytes fed after the end of the final block (DICOM allows trailing padding); count only.
    package private(set) var trailingByteCount = 0

    /// True once the final block (BFINAL) has been decoded completely.
    package var isFinished: Bool { mode == .done }

    enum Mode: Sendable, Equatable {
        /// At a block boundary, before BFINAL/BTYPE.
        case blockHeader
        /// Inside a stored block, with this many bytes still to copy.
        case stored(remaining: Int)
        /// Inside a Huffman-coded block whose tables are in `literalTable`/`distanceTable`.
        case codes
        /// After the final block.
        case done
    }

    var mode = Mode.blockHeader
    /// BFINAL of the current block.
    var isFinalBlock = false
    /// Input fed but not consumed yet: the start of a symbol or block header that was cut off.
    var pending: [UInt8] = []
    /// Bits of `pending[0]` that were already consumed.
    var pendingBitOffset = 0
    /// The first error thrown; the decoder stays failed afterwards.
    var failure: InflateError?
    /// The last `windowSize` output bytes (fewer at the start), as a ring ending at `windowEnd`.
    var window: [UInt8] = []
    var windowEnd = 0
    /// Decoding tables of the current Huffman block (see `Inflater+Huffman.swift`).
    var literalTable: [UInt32] = []
    var distanceTable: [UInt32] = []

    static let windowSize = 32768

    package init(maximumOutputBytes: Int = .max) {
        self.maximumOutputBytes = max(0, maximumOutputBytes)
    }

    /// Feeds more compressed bytes and returns the decompressed bytes that became available.
    ///
    /// Input may be split anywhere (even one byte at a time); the concatenated output is the same.
    /// Bytes after the end of the final block are counted in `trailingByteCount` and ignored.
    package mutating func inflate(_ input: some Collection<UInt8>) throws(InflateError) -> [UInt8] {
        if let failure { throw failure }
        let count = input.count
        guard count > 0 else { return [] }
        let streamOffset = totalInputBytes - pending.count
        totalInputBytes += count
        if isFinished {
            trailingByteCount += count
            return []
        }
        let result: Result<[UInt8], InflateError>
        if pending.isEmpty,
            let direct = input.withContiguousStorageIfAvailable({ run($0, streamOffset: streamOffset) })
        {
            result = direct
        } else {
            var buffer = pending
            buffer.append(contentsOf: input)
            result = buffer.withUnsafeBufferPointer { run($0, streamOffset: streamOffset) }
        }
        switch result {
        case .success(let output):
            return output
        case .failure(let error):
            failure = error
            pending = []
            window = []
            throw error
        }
    }

    /// Call at end of input: throws `.truncated` if the stream did not reach its final block's end
    /// (or the error the decoder already failed with).
    package func finish() throws(InflateError) {
        if let failure { throw failure }
        guard isFinished else { throw InflateError(.truncated, inputOffset: totalInputBytes) }
    }

    // MARK: - One chunk

    /// Decodes as much of `input` (pending bytes followed by the new chunk) as possible.
    private mutating func run(_ input: UnsafeBufferPointer<UInt8>, streamOffset: Int) -> Result<[UInt8], InflateError> {
        var reader = BitReader(input)
        if pendingBitOffset > 0 {
            reader.refill()
            reader.consume(pendingBitOffset)
        }
        let outputLimit = maximumOutputBytes - totalOutputBytes
        let history = min(totalOutputBytes, Self.windowSize)
        var output: [UInt8] = []
        var outputCount = 0

        func failure(_ kind: InflateError.Kind, atBit bit: Int) -> Result<[UInt8], InflateError> {
            .failure(InflateError(kind, inputOffset: streamOffset + bit / 8))
        }

        decoding: while true {
            switch mode {
            case .done:
                break decoding

            case .blockHeader:
                switch readBlockHeader(&reader) {
                case .complete: continue decoding
                case .needInput: break decoding
                case .failure(let kind, let bit): return failure(kind, atBit: bit)
                }

            case .stored(let remaining):
                if remaining == 0 {
                    endBlock()
                    continue decoding
                }
                // `readBlockHeader` left the reader byte aligned with an empty bit buffer.
                let count = min(remaining, reader.end - reader.position)
                if count == 0 { break decoding }
                if count > outputLimit - outputCount {
                    return failure(.outputLimitExceeded, atBit: reader.position * 8)
                }
                if output.count - outputCount < count {
                    Self.grow(&output, used: outputCount, atLeast: outputCount + count, inputCount: input.count, limit: outputLimit)
                }
                output.withUnsafeMutableBufferPointer { destination in
                    (destination.baseAddress! + outputCount).update(from: reader.base + reader.position, count: count)
                }
                reader.position += count
                outputCount += count
                mode = .stored(remaining: remaining - count)

            case .codes:
                if output.count - outputCount < Self.outputSlack {
                    Self.grow(&output, used: outputCount, atLeast: outputCount + Self.outputSlack, inputCount: input.count, limit: outputLimit)
                }
                let status = literalTable.withUnsafeBufferPointer { literals in
                    distanceTable.withUnsafeBufferPointer { distances in
                        window.withUnsafeBufferPointer { window in
                            output.withUnsafeMutableBufferPointer { destination in
                                Self.decodeCodes(
                                    reader: &reader,
                                    literalTable: literals.baseAddress!, distanceTable: distances.baseAddress!,
                                    output: destination.baseAddress!, outputCount: &outputCount,
                                    outputCapacity: destination.count, outputLimit: outputLimit,
                                    window: window.baseAddress, windowEnd: windowEnd, history: history
                                )
                            }
                        }
                    }
                }
                switch status {
                case .endOfBlock: endBlock()
                case .outputFull: continue decoding
                case .needInput: break decoding
                case .failure(let kind, let bit): return failure(kind, atBit: bit)
                }
            }
        }

        let consumedBits = reader.consumedBits
        if isFinished {
            trailingByteCount += input.count - (consumedBits + 7) / 8
            pending = []
            pendingBitOffset = 0
        } else {
            pending = Array(input[(consumedBits / 8)...])
            pendingBitOffset = consumedBits % 8
        }
        output.removeLast(output.count - outputCount)
        if !isFinished { remember(output) }
        totalOutputBytes += outputCount
        return .success(output)
    }

    private mutating func endBlock() {
        mode = isFinalBlock ? .done : .blockHeader
    }

    /// Free space the hot loop wants past the output position: one longest match (258 bytes) plus
    /// the 8 bytes a word-wise copy may write beyond it.
    static let outputSlack = 266

    /// Enlarges `output` (zero filled) to at least `atLeast` bytes: first to a guess from the
    /// input size, then doubling, never far past what the output limit allows. Sizes come from the
    /// input and output seen, never from lengths in the stream.
    private static func grow(_ output: inout [UInt8], used: Int, atLeast: Int, inputCount: Int, limit: Int) {
        var size = max(output.count * 2, min(inputCount, 1 << 26) * 3, 1024)
        if size > limit { size = limit }
        size = max(size, atLeast)
        let bigger = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            output.withUnsafeBufferPointer { old in
                if used > 0 { buffer.baseAddress!.initialize(from: old.baseAddress!, count: used) }
            }
            (buffer.baseAddress! + used).initialize(repeating: 0, count: size - used)
            initialized = size
        }
        output = bigger
    }

    /// Appends the tail of this chunk's output to the sliding window.
    private mutating func remember(_ output: [UInt8]) {
        guard !output.isEmpty else { return }
        let size = Self.windowSize
        if window.isEmpty { window = [UInt8](repeating: 0, count: size) }
        let count = min(output.count, size)
        var end = windowEnd
        window.withUnsafeMutableBufferPointer { window in
            output.withUnsafeBufferPointer { output in
                var source = output.count - count
                var remaining = count
                while remaining > 0 {
                    let chunk = min(remaining, size - end)
                    (window.baseAddress! + end).update(from: output.baseAddress! + source, count: chunk)
                    end = (end + chunk) & (size - 1)
                    source += chunk
                    remaining -= chunk
                }
            }
        }
        windowEnd = end
    }
}

/// Why a DEFLATE stream could not be decoded, and where.
package struct InflateError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable {
        /// BTYPE 3 (reserved).
        case invalidBlockType
        /// A stored block's NLEN is not the one's complement of its LEN.
        case storedLengthMismatch
        /// A dynamic block's header describes no valid Huffman code (over-subscribed, incomplete,
        /// too many symbols, a repeat with nothing to repeat or past the end, no end-of-block code).
        case invalidCodeLengths
        /// A code that stands for no symbol: literal/length 286 or 287, distance 30 or 31, or a
        /// bit pattern left unused by an incomplete code.
        case invalidSymbol
        /// A match reaching back before the start of the output.
        case distanceTooFar
        /// The input ended before the end of the final block.
        case truncated
        /// The output would exceed `maximumOutputBytes`.
        case outputLimitExceeded
    }

    package let kind: Kind
    /// Byte offset in the compressed stream where the problem was detected.
    package let inputOffset: Int

    package init(_ kind: Kind, inputOffset: Int) {
        self.kind = kind
        self.inputOffset = inputOffset
    }

    package var description: String {
        let what =
            switch kind {
            case .invalidBlockType: "invalid DEFLATE block type"
            case .storedLengthMismatch: "stored block length does not match its complement"
            case .invalidCodeLengths: "invalid Huffman code lengths"
            case .invalidSymbol: "invalid Huffman code"
            case .distanceTooFar: "match distance too far back"
            case .truncated: "truncated DEFLATE stream"
            case .outputLimitExceeded: "decompressed data exceeds the output limit"
            }
        return "\(what) at compressed byte \(inputOffset)"
    }
}
