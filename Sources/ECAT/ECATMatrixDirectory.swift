/// A matrix number decoded into its parts (CTI `mat_numdoc`, ECAT 7 coding).
///
/// Bits of the 32-bit number: 0-8 frame, 9-10 plane bits 8-9, 11 data bit 2, 12-15 bed,
/// 16-23 plane bits 0-7, 24-29 gate, 30-31 data bits 0-1.
package struct ECATMatrixID: Hashable, Sendable {
    /// Frame number (0-511).
    package var frame: Int
    /// Plane number (0-1023).
    package var plane: Int
    /// Gate number (0-63).
    package var gate: Int
    /// Data number (0-7).
    package var data: Int
    /// Bed position (0-15).
    package var bed: Int

    /// Makes an ID from its parts.
    package init(frame: Int, plane: Int = 0, gate: Int = 0, data: Int = 0, bed: Int = 0) {
        self.frame = frame
        self.plane = plane
        self.gate = gate
        self.data = data
        self.bed = bed
    }

    /// Decodes a directory entry's matrix number.
    package init(encoded: Int32) {
        let bits = UInt32(bitPattern: encoded)
        frame = Int(bits & 0x1FF)
        plane = Int((bits >> 16) & 0xFF | (bits >> 1) & 0x300)
        gate = Int((bits >> 24) & 0x3F)
        data = Int((bits >> 30) & 0x3 | (bits >> 9) & 0x4)
        bed = Int((bits >> 12) & 0xF)
    }

    /// The matrix number as stored in the directory (CTI `mat_numcod`).
    package var encoded: Int32 {
        let frameBits = UInt32(frame) & 0x1FF
        let bedBits = (UInt32(bed) & 0xF) << 12
        let planeBits = (UInt32(plane) & 0xFF) << 16 | (UInt32(plane) & 0x300) << 1
        let gateBits = (UInt32(gate) & 0x3F) << 24
        let dataBits = (UInt32(data) & 0x3) << 30 | (UInt32(data) & 0x4) << 9
        return Int32(bitPattern: frameBits | bedBits | planeBits | gateBits | dataBits)
    }
}

/// One row of the matrix directory: which matrix, and which blocks hold its subheader and data.
package struct ECATDirectoryEntry: Equatable, Sendable {
    /// Column 0: the encoded matrix number (see `id`).
    package var matrixNumber: Int32
    /// Column 1: 1-based block number of the matrix's subheader; data follows it.
    package var startBlock: Int32
    /// Column 2: 1-based block number of the matrix's last data block.
    package var endBlock: Int32
    /// Column 3: matrix status (1 exists read/write, 2 exists read-only, 3 or -1 deleted).
    package var status: Int32
    /// The directory block (1-based) this row is in.
    package var directoryBlock: Int
    /// The byte offset of this row in the file.
    package var offset: Int

    /// The matrix number decoded.
    package var id: ECATMatrixID { ECATMatrixID(encoded: matrixNumber) }

    /// The byte offset of the subheader: `(startBlock - 1) * 512`.
    package var subheaderOffset: Int { (Int(startBlock) - 1) * ECATDirectoryBlock.size }
}

/// One 512-byte matrix directory block: 32 rows of four big-endian `int`s. Row 0 is the list
/// housekeeping (`nfree`, next block, previous block, `nused`); rows 1-31 are entries, of which the
/// first `nused` are in use. The blocks form a circular list that starts at block 2 and whose last
/// block points back to block 2.
package struct ECATDirectoryBlock: Equatable, Sendable {
    /// A directory block's size.
    package static let size = 512
    /// The 1-based block number of the first directory block.
    package static let firstBlock = 2
    /// Entry rows per block.
    package static let capacity = 31

    /// This block's 1-based number.
    package var blockNumber: Int
    /// Bytes 0-3: free rows (`nfree`).
    package var freeCount: Int32
    /// Bytes 4-7: the next directory block; 2 (back to the first) ends the list.
    package var nextBlock: Int32
    /// Bytes 8-11: the previous directory block.
    package var previousBlock: Int32
    /// Bytes 12-15: rows in use (`nused`), 0-31.
    package var usedCount: Int32
    /// The rows in use, in stored order.
    package var entries: [ECATDirectoryEntry]

    /// Reads directory block number `blockNumber` from its 512 bytes; throws `truncated` for fewer
    /// bytes and `absurdCount` when `nused` is outside 0-31.
    package init(blockNumber: Int, bytes: some Collection<UInt8>) throws(ECATParseError) {
        let start = (blockNumber - 1) * Self.size
        let block = BigEndianBlock(bytes.prefix(Self.size))
        guard block.count == Self.size else {
            throw ECATParseError(
                .truncated,
                offset: start + block.count,
                "directory block \(blockNumber) needs \(Self.size) bytes, got \(block.count)"
            )
        }
        self.blockNumber = blockNumber
        freeCount = block.int32(0)
        nextBlock = block.int32(4)
        previousBlock = block.int32(8)
        usedCount = block.int32(12)
        guard (0...Int32(Self.capacity)).contains(usedCount) else {
            throw ECATParseError(
                .absurdCount,
                offset: start + 12,
                "directory block \(blockNumber) claims \(usedCount) entries (at most \(Self.capacity))"
            )
        }
        entries = (1...Self.capacity).prefix(Int(usedCount)).map { row in
            ECATDirectoryEntry(
                matrixNumber: block.int32(16 * row),
                startBlock: block.int32(16 * row + 4),
                endBlock: block.int32(16 * row + 8),
                status: block.int32(16 * row + 12),
                directoryBlock: blockNumber,
                offset: start + 16 * row
            )
        }
    }
}
