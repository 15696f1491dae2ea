/// Everything the reader takes from an ECAT 7 file: the main header, the matrix directory and each
/// matrix's subheader. Pixel data is never read.
package struct ECATFile: Equatable, Sendable {
    /// The main header (block 1).
    package var mainHeader: ECATMainHeader
    /// The 1-based block numbers of the directory blocks, in list order (first is 2).
    package var directoryBlocks: [Int]
    /// Every directory entry in stored order, with its subheader.
    package var matrices: [ECATMatrix]
    /// The file's size in bytes, as the caller gave it.
    package var fileSize: Int

    /// Makes a file value; the reader builds these.
    package init(
        mainHeader: ECATMainHeader,
        directoryBlocks: [Int],
        matrices: [ECATMatrix],
        fileSize: Int
    ) {
        self.mainHeader = mainHeader
        self.directoryBlocks = directoryBlocks
        self.matrices = matrices
        self.fileSize = fileSize
    }

    /// Reads a whole file held in memory; see `ECATReader.read(_:)`.
    package init(bytes: some Collection<UInt8>) throws(ECATParseError) {
        self = try ECATReader.read(bytes)
    }
}

/// One matrix: its directory entry and its subheader.
package struct ECATMatrix: Equatable, Sendable {
    /// The directory row.
    package var entry: ECATDirectoryEntry
    /// The subheader at the entry's start block.
    package var subheader: ECATSubheader

    /// Pairs an entry with its subheader.
    package init(entry: ECATDirectoryEntry, subheader: ECATSubheader) {
        self.entry = entry
        self.subheader = subheader
    }
}
