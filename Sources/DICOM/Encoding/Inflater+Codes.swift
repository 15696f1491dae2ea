// The hot loop of the DEFLATE decoder: Huffman-coded literals, lengths and distances
// (RFC 1951 §3.2.5), with LZ77 match copies.

extension Inflater {
    enum CodesStatus {
        case endOfBlock
        /// The input ended inside a symbol; the reader is back at the symbol's start.
        case needInput
        /// The output buffer has no room for the next symbol; the reader is back at its start.
        case outputFull
        case failure(InflateError.Kind, atBit: Int)
    }

    /// Decodes symbols of the current block into `output[outputCount...]`.
    ///
    /// The fast path runs while at least 8 input bytes remain (one unaligned 64-bit load refills
    /// the bit buffer to ≥ 56 bits, enough for the longest length/distance pair, 48 bits) and at
    /// least `outputSlack` bytes of room remain; the careful path handles the ends of the input
    /// and of the output buffer one symbol at a time.
    ///
    /// `window`/`windowEnd` hold the `history` bytes of output before this chunk, for matches that
    /// reach back past `output[0]`.
    static func decodeCodes(
        reader: inout BitReader,
        literalTable: UnsafePointer<UInt32>,
        distanceTable: UnsafePointer<UInt32>,
        output: UnsafeMutablePointer<UInt8>,
        outputCount: inout Int,
        outputCapacity: Int,
        outputLimit: Int,
        window: UnsafePointer<UInt8>?,
        windowEnd: Int,
        history: Int
    ) -> CodesStatus {
        let input = reader.base
        let inputEnd = reader.end
        var position = reader.position
        var bitBuffer = reader.bitBuffer
        var bitCount = UInt64(truncatingIfNeeded: reader.bitCount)
        var count = outputCount

        let literalMask: UInt64 = 1 << UInt64(literalRootBits) - 1
        let distanceMask: UInt64 = 1 << UInt64(distanceRootBits) - 1
        let fastInputEnd = inputEnd - 8
        // A literal may precede a longest match in one iteration: 1 + 258 bytes, plus the word
        // copy's overshoot within the slack.
        let fastOutputEnd = min(outputCapacity - outputSlack, outputLimit - 259)
        var status: CodesStatus

        @inline(__always)
        func consumedBits() -> Int { position &* 8 &- Int(truncatingIfNeeded: bitCount) }

        @inline(__always)
        func lookup(_ table: UnsafePointer<UInt32>, _ mask: UInt64, _ rootBits: UInt64) -> UInt32 {
            let entry = table[Int(truncatingIfNeeded: bitBuffer & mask)]
            guard entry & (Tag.link << 8) != 0 else { return entry }
            let subtableMask = (UInt64(1) &<< UInt64((entry >> 8) & 0xF)) &- 1
            return table[Int(truncatingIfNeeded: entry >> 16) &+ Int(truncatingIfNeeded: (bitBuffer &>> rootBits) & subtableMask)]
        }

        @inline(__always)
        func take(_ bits: UInt64) -> UInt32 {
            let value = UInt32(truncatingIfNeeded: bitBuffer & ((1 &<< bits) &- 1))
            bitBuffer &>>= bits
            bitCount &-= bits
            return value
        }

        decoding: while true {
            if position <= fastInputEnd, count <= fastOutputEnd {
                // MARK: Fast path
                bitBuffer |= UInt64(littleEndian: UnsafeRawPointer(input + position).loadUnaligned(as: UInt64.self)) &<< bitCount
                position &+= Int(truncatingIfNeeded: (63 &- bitCount) &>> 3)
                bitCount |= 56

                var entry = lookup(literalTable, literalMask, UInt64(literalRootBits))
                var tag = (entry >> 8) & 0xFF
                if tag == Tag.literal {
                    _ = take(UInt64(entry & 0xFF))
                    output[count] = UInt8(truncatingIfNeeded: entry >> 16)
                    count &+= 1
                    // A second literal fits in the ≥ 41 bits left and the output slack.
                    entry = lookup(literalTable, literalMask, UInt64(literalRootBits))
                    tag = (entry >> 8) & 0xFF
                    if tag == Tag.literal {
                        _ = take(UInt64(entry & 0xFF))
                        output[count] = UInt8(truncatingIfNeeded: entry >> 16)
                        count &+= 1
                        continue decoding
                    }
                    // Anything else wants a fresh refill (up to 48 bits).
                    if bitCount < 48 { continue decoding }
                }
                if tag & Tag.base == 0 {
                    if tag == Tag.endOfBlock {
                        _ = take(UInt64(entry & 0xFF))
                        status = .endOfBlock
                        break decoding
                    }
                    status = .failure(.invalidSymbol, atBit: consumedBits())
                    break decoding
                }
                _ = take(UInt64(entry & 0xFF))
                let length = Int(truncatingIfNeeded: (entry >> 16) &+ take(UInt64(tag & 0xF)))
                let distanceStart = consumedBits()
                let distanceEntry = lookup(distanceTable, distanceMask, UInt64(distanceRootBits))
                let distanceTag = (distanceEntry >> 8) & 0xFF
                guard distanceTag & Tag.base != 0 else {
                    status = .failure(.invalidSymbol, atBit: distanceStart)
                    break decoding
                }
                _ = take(UInt64(distanceEntry & 0xFF))
                let distance = Int(truncatingIfNeeded: (distanceEntry >> 16) &+ take(UInt64(distanceTag & 0xF)))
                if distance <= count {
                    copyMatch(output + count, distance: distance, length: length)
                } else {
                    guard distance <= count &+ history else {
                        status = .failure(.distanceTooFar, atBit: distanceStart)
                        break decoding
                    }
                    copyFromWindow(output, count, distance: distance, length: length, window: window!, windowEnd: windowEnd)
                }
                count &+= length
                continue decoding
            }

            // MARK: Careful path
            let start = (position, bitBuffer, bitCount)
            while bitCount < 56, position < inputEnd {
                bitBuffer |= UInt64(input[position]) &<< bitCount
                position &+= 1
                bitCount &+= 8
            }
            let entry = lookup(literalTable, literalMask, UInt64(literalRootBits))
            let codeLength = UInt64(entry & 0xFF)
            let tag = (entry >> 8) & 0xFF
            guard codeLength <= bitCount else {
                status = .needInput
                (position, bitBuffer, bitCount) = start
                break decoding
            }
            if tag == Tag.literal {
                if count >= outputLimit {
                    status = .failure(.outputLimitExceeded, atBit: consumedBits())
                    break decoding
                }
                if count >= outputCapacity {
                    status = .outputFull
                    break decoding
                }
                _ = take(codeLength)
                output[count] = UInt8(truncatingIfNeeded: entry >> 16)
                count += 1
                continue decoding
            }
            if tag == Tag.endOfBlock {
                _ = take(codeLength)
                status = .endOfBlock
                break decoding
            }
            guard tag & Tag.base != 0 else {
                status = .failure(.invalidSymbol, atBit: consumedBits())
                break decoding
            }
            let symbolStart = consumedBits()
            let lengthBits = codeLength + UInt64(tag & 0xF)
            guard lengthBits <= bitCount else {
                status = .needInput
                (position, bitBuffer, bitCount) = start
                break decoding
            }
            _ = take(codeLength)
            let length = Int((entry >> 16) + take(UInt64(tag & 0xF)))
            let distanceStart = consumedBits()
            let distanceEntry = lookup(distanceTable, distanceMask, UInt64(distanceRootBits))
            let distanceCodeLength = UInt64(distanceEntry & 0xFF)
            let distanceTag = (distanceEntry >> 8) & 0xFF
            guard distanceCodeLength <= bitCount else {
                status = .needInput
                (position, bitBuffer, bitCount) = start
                break decoding
            }
            guard distanceTag & Tag.base != 0 else {
                status = .failure(.invalidSymbol, atBit: distanceStart)
                break decoding
            }
            guard distanceCodeLength + UInt64(distanceTag & 0xF) <= bitCount else {
                status = .needInput
                (position, bitBuffer, bitCount) = start
                break decoding
            }
            _ = take(distanceCodeLength)
            let distance = Int((distanceEntry >> 16) + take(UInt64(distanceTag & 0xF)))
            guard distance <= count + history else {
                status = .failure(.distanceTooFar, atBit: distanceStart)
                break decoding
            }
            if length > outputLimit - count {
                status = .failure(.outputLimitExceeded, atBit: symbolStart)
                break decoding
            }
            if length > outputCapacity - count {
                status = .outputFull
                (position, bitBuffer, bitCount) = start
                break decoding
            }
            copyFromWindow(output, count, distance: distance, length: length, window: window, windowEnd: windowEnd)
            count += length
        }

        reader.position = position
        reader.bitBuffer = bitBuffer
        reader.bitCount = Int(truncatingIfNeeded: bitCount)
        outputCount = count
        return status
    }

    /// Copies an LZ77 match that lies within `output`, from `distance` bytes back (possibly
    /// overlapping). May write up to 7 bytes past the match (the output slack).
    @inline(__always)
    static func copyMatch(_ destination: UnsafeMutablePointer<UInt8>, distance: Int, length: Int) {
        let source = destination - distance
        if distance >= 8 {
            // Each 8-byte load reads only bytes that are already final, since distance ≥ 8.
            var offset = 0
            repeat {
                UnsafeMutableRawPointer(destination + offset).storeBytes(
                    of: UnsafeRawPointer(source + offset).loadUnaligned(as: UInt64.self), as: UInt64.self)
                offset &+= 8
            } while offset < length
        } else if distance == 1 {
            destination.update(repeating: source.pointee, count: length)
        } else {
            // A short repeating pattern: lay down its first copies byte by byte until they span
            // at least 8 bytes, then copy words with a stride that is a multiple of the pattern.
            let stride = distance * ((8 + distance - 1) / distance)
            let head = min(length, stride)
            for offset in 0..<head { destination[offset] = source[offset] }
            var offset = head
            while offset < length {
                UnsafeMutableRawPointer(destination + offset).storeBytes(
                    of: UnsafeRawPointer(destination + offset - stride).loadUnaligned(as: UInt64.self), as: UInt64.self)
                offset &+= 8
            }
        }
    }

    /// Copies a match byte by byte (no writes past it); bytes before `output[0]` come from the
    /// window ring, which ends at `windowEnd`.
    static func copyFromWindow(
        _ output: UnsafeMutablePointer<UInt8>, _ count: Int, distance: Int, length: Int,
        window: UnsafePointer<UInt8>?, windowEnd: Int
    ) {
        for offset in 0..<length {
            let source = count + offset - distance
            output[count + offset] =
                source >= 0 ? output[source] : window![(windowEnd + source) & (windowSize - 1)]
        }
    }
}
