/// A byte range the reader needs next, and what it is for.
package struct ECATByteRequest: Equatable, Sendable {
    /// What the bytes will be read as.
    package enum Purpose: Equatable, Sendable {
        /// Directory block number `block` (1-based).
        case directoryBlock(Int)
        /// The subheader of the matrix at `matrixIndex` in directory order.
        case subheader(matrixIndex: Int)
    }

    /// Byte offsets in the file, always inside `0..<fileSize`.
    package var range: Range<Int>
    /// What the bytes are for.
    package var purpose: Purpose

    /// Makes a request.
    package init(range: Range<Int>, purpose: Purpose) {
        self.range = range
        self.purpose = purpose
    }
}

/// Reads an ECAT 7 file's headers without doing IO: the caller hands it the first 512 bytes and
/// the file size, then keeps reading `nextRequest.range` and passing the bytes to `supply(_:)`
/// until `nextRequest` is nil, and takes `finish()`. `read(_:)` does that over bytes in memory.
///
/// Order of requests: directory block 2, then each next block of the circular directory list until
/// it points back to block 2 (or holds 0), then each matrix's subheader at
/// `(startBlock - 1) * 512`. Every pointer is checked against the file size before it is asked
/// for; a block visited twice is a `directoryCycle`. After a thrown error the reader is spent.
package struct ECATReader: Sendable {
    /// The most directory blocks accepted (8192 blocks list 253,952 matrices).
    package static let maxDirectoryBlocks = 8192

    /// The file size the caller gave.
    package let fileSize: Int
    /// The main header, read by `init`.
    package let mainHeader: ECATMainHeader
    /// The bytes wanted next, or nil when the reader has everything.
    package private(set) var nextRequest: ECATByteRequest?

    private let layout: ECATSubheaderLayout?
    private var directoryBlocks: [Int] = []
    private var directoryBlockSet: Set<Int> = []
    private var entries: [ECATDirectoryEntry] = []
    private var subheaders: [ECATSubheader] = []
    private var failure: ECATParseError?

    /// Reads the main header from `mainHeaderBytes` (the file's first 512 bytes, or fewer if the
    /// file is shorter) and asks for the first directory block.
    package init(mainHeaderBytes: some Collection<UInt8>, fileSize: Int) throws(ECATParseError) {
        mainHeader = try ECATMainHeader(mainHeaderBytes.prefix(min(ECATMainHeader.size, max(0, fileSize))))
        self.fileSize = fileSize
        layout = ECATFileType(rawValue: mainHeader.fileType)?.subheaderLayout
        let first = ECATDirectoryBlock.firstBlock
        guard first * ECATDirectoryBlock.size <= fileSize else {
            throw ECATParseError(
                .truncated,
                offset: fileSize,
                "the matrix directory (block \(first), bytes \((first - 1) * ECATDirectoryBlock.size)-"
                    + "\(first * ECATDirectoryBlock.size - 1)) is past the end of the file (\(fileSize) bytes)"
            )
        }
        nextRequest = Self.directoryRequest(first)
        directoryBlocks = [first]
        directoryBlockSet = [first]
    }

    /// Whether `head` (a file's first bytes; 7 are enough) starts with the ECAT 7 magic number
    /// `MATRIX7`, for telling ECAT files from DICOM ones before reading them.
    package static func isECAT7(_ head: some Collection<UInt8>) -> Bool {
        head.starts(with: ECATMainHeader.magicPrefix)
    }

    /// Reads a whole file held in memory (an `Array`, `ArraySlice` or other random-access
    /// collection, so that skipping to an offset is cheap).
    package static func read(_ bytes: some Collection<UInt8>) throws(ECATParseError) -> ECATFile {
        let fileSize = bytes.count
        var reader = try ECATReader(mainHeaderBytes: bytes.prefix(ECATMainHeader.size), fileSize: fileSize)
        while let request = reader.nextRequest {
            try reader.supply(bytes.dropFirst(request.range.lowerBound).prefix(request.range.count))
        }
        return try reader.finish()
    }

    /// Takes the bytes of `nextRequest.range` (fewer if the file ended) and works out the next
    /// request.
    package mutating func supply(_ bytes: some Collection<UInt8>) throws(ECATParseError) {
        guard let request = nextRequest else {
            throw ECATParseError(
                .unexpectedInput,
                offset: fileSize,
                "the reader needs no more bytes"
            )
        }
        nextRequest = nil
        do {
            switch request.purpose {
            case .directoryBlock(let number):
                let block = try ECATDirectoryBlock(blockNumber: number, bytes: bytes)
                entries += block.entries
                try followDirectory(from: block)
            case .subheader(let index):
                guard let layout else { return }
                let entry = entries[index]
                subheaders.append(try ECATSubheader(layout: layout, bytes: bytes, offset: entry.subheaderOffset))
                try requestSubheader(index + 1)
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// The parsed file, once `nextRequest` is nil; after `supply(_:)` threw, that error again.
    package func finish() throws(ECATParseError) -> ECATFile {
        if let failure { throw failure }
        guard nextRequest == nil, subheaders.count == entries.count else {
            throw ECATParseError(
                .unexpectedInput,
                offset: nextRequest?.range.lowerBound ?? fileSize,
                "the reader still needs bytes"
            )
        }
        let matrices = zip(entries, subheaders).map { ECATMatrix(entry: $0, subheader: $1) }
        return ECATFile(
            mainHeader: mainHeader,
            directoryBlocks: directoryBlocks,
            matrices: matrices,
            fileSize: fileSize
        )
    }

    // MARK: - Steps

    private static func directoryRequest(_ block: Int) -> ECATByteRequest {
        let start = (block - 1) * ECATDirectoryBlock.size
        return ECATByteRequest(range: start..<start + ECATDirectoryBlock.size, purpose: .directoryBlock(block))
    }

    private mutating func followDirectory(from block: ECATDirectoryBlock) throws(ECATParseError) {
        let pointerOffset = (block.blockNumber - 1) * ECATDirectoryBlock.size + 4
        let next = Int(block.nextBlock)
        if next == ECATDirectoryBlock.firstBlock || next == 0 {
            try requestSubheader(0)
            return
        }
        guard next > ECATDirectoryBlock.firstBlock else {
            throw ECATParseError(
                .badPointer,
                offset: pointerOffset,
                "directory block \(block.blockNumber) points to block \(next) as the next directory block"
            )
        }
        guard !directoryBlockSet.contains(next) else {
            throw ECATParseError(
                .directoryCycle,
                offset: pointerOffset,
                "directory block \(block.blockNumber) points back to block \(next), which was already read"
            )
        }
        guard directoryBlocks.count < Self.maxDirectoryBlocks else {
            throw ECATParseError(
                .absurdCount,
                offset: pointerOffset,
                "more than \(Self.maxDirectoryBlocks) directory blocks"
            )
        }
        guard next <= fileSize / ECATDirectoryBlock.size else {
            throw ECATParseError(
                .truncated,
                offset: fileSize,
                "directory block \(block.blockNumber) points to block \(next), past the end of the "
                    + "file (\(fileSize) bytes)"
            )
        }
        directoryBlocks.append(next)
        directoryBlockSet.insert(next)
        nextRequest = Self.directoryRequest(next)
    }

    private mutating func requestSubheader(_ index: Int) throws(ECATParseError) {
        guard let layout else {
            subheaders = Array(repeating: .unsupported(fileType: mainHeader.fileType), count: entries.count)
            return
        }
        guard index < entries.count else { return }
        let entry = entries[index]
        let start = Int(entry.startBlock)
        guard start > ECATDirectoryBlock.firstBlock, !directoryBlockSet.contains(start) else {
            throw ECATParseError(
                .badPointer,
                offset: entry.offset + 4,
                "matrix \(index) (number \(entry.matrixNumber)) starts at block \(start), which is "
                    + (start > 0 ? "a header or directory block" : "not a block")
            )
        }
        let range = entry.subheaderOffset..<entry.subheaderOffset + layout.size
        guard range.upperBound <= fileSize else {
            throw ECATParseError(
                .truncated,
                offset: fileSize,
                "the subheader of matrix \(index) (block \(start), bytes \(range.lowerBound)-"
                    + "\(range.upperBound - 1)) is past the end of the file (\(fileSize) bytes)"
            )
        }
        nextRequest = ECATByteRequest(range: range, purpose: .subheader(matrixIndex: index))
    }
}
