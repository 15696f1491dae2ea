/// An incremental reader of tar streams (POSIX ustar and pax, GNU long names and base-256 sizes), fed bytes in
/// pieces of any size.
///
/// Call ``append(_:)`` with what has arrived, then ``next()`` until it returns `nil` (more input needed); after
/// the last byte, call ``finish()``. Each entry comes as ``Event/entry(_:)``, then its data in one or more
/// ``Event/data(_:)`` events, then ``Event/endOfEntry``. Pax `x` and GNU `L`/`K` headers are applied to the
/// entry that follows them and are not reported; pax global headers are skipped. Nothing is followed or
/// created: links and devices are reported like any other entry. Checksums are verified; the archive must end
/// with its two zero blocks, and bytes after them are ignored.
package struct TarReader: Sendable {
    /// What the reader found next.
    package enum Event: Sendable, Equatable {
        /// An entry's header.
        case entry(TarEntryHeader)
        /// The next piece of the current entry's data.
        case data([UInt8])
        /// The current entry's data is complete.
        case endOfEntry
        /// The two zero blocks that end the archive.
        case endOfArchive
    }

    private enum State: Sendable {
        case header
        case secondEndBlock
        case metadata(Metadata, remaining: Int)
        case data(remaining: Int64, padding: Int)
        case skip(remaining: Int64)
        case padding(remaining: Int, then: AfterPadding)
        case sparseExtensions(size: Int64)
        case finished
    }

    private enum Metadata: Sendable {
        case pax, longName, longLinkName
    }

    private enum AfterPadding: Sendable {
        case nextHeader, endOfEntry
    }

    /// Most bytes read from one pax extended header or GNU long name; larger ones are refused as corrupt.
    package let maximumMetadataSize: Int
    /// Where the stream is, for error messages (set by the extractor for nested archives).
    var location = EntryLocation(format: .tar)

    private var buffer: [UInt8] = []
    private var position = 0
    private var offset: Int64 = 0
    private var state = State.header
    private var metadata: [UInt8] = []
    private var extended = TarExtendedHeader()
    private var longName: String?
    private var longLinkName: String?
    private var currentPath: String?

    /// Creates a reader at the start of a stream.
    package init(maximumMetadataSize: Int = 1 << 20) {
        self.maximumMetadataSize = maximumMetadataSize
    }

    /// Whether the end-of-archive marker has been read.
    package var isFinished: Bool {
        if case .finished = state { true } else { false }
    }

    /// Adds the next bytes of the stream.
    package mutating func append(_ bytes: some Collection<UInt8>) {
        if isFinished {
            return  // whatever follows the end marker (GNU tar pads to 10 KiB records) is ignored
        }
        if position > 0, position == buffer.count || position >= 1 << 16 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Returns the next event, or `nil` when more input is needed (or the archive has ended).
    package mutating func next() throws(UnpackError) -> Event? {
        while true {
            switch state {
            case .finished:
                return nil
            case .header, .secondEndBlock:
                guard let block = takeBlock() else {
                    return nil
                }
                if let event = try readHeader(block) {
                    return event
                }
            case .metadata(let kind, let remaining):
                let piece = take(upTo: remaining)
                metadata += piece
                guard remaining == piece.count else {
                    state = .metadata(kind, remaining: remaining - piece.count)
                    return nil
                }
                try apply(kind)
                state = .padding(remaining: Self.padding(after: Int64(metadata.count)), then: .nextHeader)
                metadata = []
            case .data(let remaining, let padding):
                if remaining == 0 {
                    state = .padding(remaining: padding, then: .endOfEntry)
                    continue
                }
                let piece = take(upTo: Int(clamping: remaining))
                guard !piece.isEmpty else {
                    return nil
                }
                state = .data(remaining: remaining - Int64(piece.count), padding: padding)
                return .data(piece)
            case .skip(let remaining):
                let count = min(Int(clamping: remaining), buffer.count - position)
                position += count
                offset += Int64(count)
                guard Int64(count) == remaining else {
                    state = .skip(remaining: remaining - Int64(count))
                    return nil
                }
                state = .header
            case .padding(let remaining, let then):
                let count = min(remaining, buffer.count - position)
                position += count
                offset += Int64(count)
                guard count == remaining else {
                    state = .padding(remaining: remaining - count, then: then)
                    return nil
                }
                state = .header
                if case .endOfEntry = then {
                    return .endOfEntry
                }
            case .sparseExtensions(let size):
                guard let block = takeBlock() else {
                    return nil
                }
                if block[504] == 0 {
                    state = .data(remaining: size, padding: Self.padding(after: size))
                }
            }
        }
    }

    /// Checks that the stream ended where an archive may end; call after the last ``append(_:)`` and once
    /// ``next()`` has returned `nil`.
    package func finish() throws(UnpackError) {
        switch state {
        case .finished:
            return
        case .data, .padding(_, then: .endOfEntry), .sparseExtensions:
            throw UnpackError(.truncated, at: location.entry(currentPath), "is cut short: the archive ends inside it")
        default:
            throw UnpackError(.truncated, at: location, "is cut short: it ends before its end-of-archive marker")
        }
    }

    // MARK: - Headers

    /// Reads one header block: returns the entry it starts, or `nil` for an end block or a metadata header.
    private mutating func readHeader(_ block: [UInt8]) throws(UnpackError) -> Event? {
        let isSecondBlock: Bool
        if case .secondEndBlock = state { isSecondBlock = true } else { isSecondBlock = false }
        if TarHeaderBlock.isZero(block) {
            guard extended == TarExtendedHeader(), longName == nil, longLinkName == nil else {
                throw UnpackError(.corrupt, at: location, "has an extended header with no entry after it")
            }
            state = isSecondBlock ? .finished : .secondEndBlock
            if isSecondBlock {
                buffer = []
                position = 0
                return .endOfArchive
            }
            return nil
        }
        let blockOffset = offset - Int64(TarHeaderBlock.size)
        guard !isSecondBlock else {
            throw UnpackError(.corrupt, at: location, "has a lone zero block at byte \(blockOffset - 512)")
        }
        guard let header = TarHeaderBlock(block) else {
            let name = TarHeaderBlock.string(block[0..<100])
            throw UnpackError(
                .corrupt,
                at: location.entry(name.isEmpty ? nil : name),
                "has a damaged header at byte \(blockOffset) (bad checksum or size)"
            )
        }
        switch header.typeFlag {
        case UInt8(ascii: "x"):
            try startMetadata(.pax, size: header.size)
        case UInt8(ascii: "L"):
            try startMetadata(.longName, size: header.size)
        case UInt8(ascii: "K"):
            try startMetadata(.longLinkName, size: header.size)
        case UInt8(ascii: "g"):
            state = .skip(remaining: header.size + Int64(Self.padding(after: header.size)))
        default:
            return .entry(startEntry(header))
        }
        return nil
    }

    private mutating func startEntry(_ header: TarHeaderBlock) -> TarEntryHeader {
        var kind = TarEntryHeader.Kind(typeFlag: header.typeFlag)
        if extended.isSparse {
            kind = .sparseFile
        }
        let size = kind.isHeaderOnly ? 0 : (extended.size ?? header.size)
        let entry = TarEntryHeader(
            path: extended.path ?? longName ?? header.name,
            kind: kind,
            size: size,
            linkTarget: extended.linkPath ?? longLinkName ?? header.linkName
        )
        extended = TarExtendedHeader()
        longName = nil
        longLinkName = nil
        currentPath = entry.path
        if header.hasSparseExtensions {
            state = .sparseExtensions(size: size)
        } else {
            state = .data(remaining: size, padding: Self.padding(after: size))
        }
        return entry
    }

    private mutating func startMetadata(_ kind: Metadata, size: Int64) throws(UnpackError) {
        guard size <= maximumMetadataSize else {
            throw UnpackError(
                .corrupt,
                at: location,
                "has an extended header of \(size) bytes; at most \(maximumMetadataSize) are accepted"
            )
        }
        state = .metadata(kind, remaining: Int(size))
    }

    private mutating func apply(_ kind: Metadata) throws(UnpackError) {
        switch kind {
        case .pax:
            guard let records = TarExtendedHeader(records: metadata) else {
                throw UnpackError(.corrupt, at: location, "has a malformed pax extended header")
            }
            extended = records
        case .longName:
            longName = TarHeaderBlock.string(metadata[...])
        case .longLinkName:
            longLinkName = TarHeaderBlock.string(metadata[...])
        }
    }

    // MARK: - Buffer

    private mutating func takeBlock() -> [UInt8]? {
        guard buffer.count - position >= TarHeaderBlock.size else {
            return nil
        }
        return take(upTo: TarHeaderBlock.size)
    }

    private mutating func take(upTo count: Int) -> [UInt8] {
        let end = position + min(count, buffer.count - position)
        let piece = Array(buffer[position..<end])
        offset += Int64(end - position)
        position = end
        return piece
    }

    /// Zero bytes that pad `size` bytes of data to a whole block.
    private static func padding(after size: Int64) -> Int {
        Int((Int64(TarHeaderBlock.size) - size % Int64(TarHeaderBlock.size)) % Int64(TarHeaderBlock.size))
    }
}
