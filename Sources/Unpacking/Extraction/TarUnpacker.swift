/// Unpacks a tar stream that arrives in pieces (from a file or a gzip stream) through ``TarReader``.
struct TarUnpacker {
    private let session: ExtractionSession
    private let site: ArchiveSite
    private let folder: [String]
    private var reader = TarReader()
    private var current: PendingFile?

    /// Starts unpacking the tar archive at `site` (the gzip stream's site for a `.tar.gz`).
    init(session: ExtractionSession, site: ArchiveSite) throws {
        self.session = session
        self.site = site
        reader.location = site.location(.tar)
        folder = try session.contentsFolder(of: site, location: reader.location)
    }

    /// Unpacks whatever entries `bytes` complete.
    mutating func consume(_ bytes: some Collection<UInt8>) throws {
        reader.append(bytes)
        while let event = try reader.next() {
            try handle(event)
        }
    }

    /// Checks that the stream ended with the archive's end marker.
    func finish() throws {
        try reader.finish()
    }

    private mutating func handle(_ event: TarReader.Event) throws {
        switch event {
        case .entry(let header):
            let location = reader.location.entry(header.path)
            let path = try session.admit(
                header.path,
                kind: Self.kind(of: header.kind),
                linkTarget: header.linkTarget,
                folder: folder,
                location: location
            )
            if let path {
                current = try session.beginFile(path, location: location, compressedSize: nil)
            }
        case .data(let bytes):
            if let current {
                try bytes.withUnsafeBytes { try session.write($0, to: current) }
            }
        case .endOfEntry:
            if let file = current {
                current = nil
                try session.finishFile(file, folder: folder, site: site)
            }
        case .endOfArchive:
            break
        }
    }

    private static func kind(of kind: TarEntryHeader.Kind) -> EntryKind {
        switch kind {
        case .regularFile: .file
        case .directory: .folder
        case .symbolicLink: .symbolicLink
        case .hardLink: .hardLink
        case .characterDevice, .blockDevice, .fifo: .special
        case .sparseFile: .unsupported("sparse file")
        case .other(let flag) where flag == UInt8(ascii: "V"): .unsupported("volume label")
        case .other(let flag) where flag == UInt8(ascii: "D"): .unsupported("GNU dump directory")
        case .other(let flag) where flag == UInt8(ascii: "M"): .unsupported("multi-volume continuation")
        case .other(let flag): .unsupported("tar type \(Self.describe(flag))")
        }
    }

    private static func describe(_ flag: UInt8) -> String {
        (0x21..<0x7F).contains(flag) ? "'\(Character(UnicodeScalar(flag)))'" : "0x\(String(flag, radix: 16))"
    }
}

extension ExtractionSession {
    /// Unpacks the tar archive at `path`.
    func unpackTar(path: String, site: ArchiveSite) throws {
        let file = try ReadableFile(path: path)
        var unpacker = try TarUnpacker(session: self, site: site)
        var offset: Int64 = 0
        while offset < file.size {
            let chunk = try file.read(at: offset, count: 1 << 16)
            guard !chunk.isEmpty else {
                break
            }
            offset += Int64(chunk.count)
            try unpacker.consume(chunk)
        }
        try unpacker.finish()
    }
}
