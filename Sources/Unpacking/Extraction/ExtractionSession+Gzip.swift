import NIOCore

extension ExtractionSession {
    /// Unpacks the gzip file at `path`: a `.tar.gz` when the decompressed bytes start like a tar archive, else
    /// one compressed file, named after the gzip file without its `.gz` (the name stored in the gzip header is
    /// not used). Concatenated gzip members are read as one stream, as `gzip -d` does.
    func unpackGzip(path: String, site: ArchiveSite) throws {
        let location = site.location(.gzip)
        let file = try ReadableFile(path: path)
        var payload = GzipPayload(session: self, site: site)
        var input = ByteBufferAllocator().buffer(capacity: 1 << 16)
        var offset: Int64 = 0
        var expanded: Int64 = 0
        do {
            let inflater = try Inflater(.gzip)
            while offset < file.size {
                input.clear()
                let count = try file.read(at: offset, count: 1 << 16, appendingTo: &input)
                guard count > 0 else {
                    break
                }
                offset += Int64(count)
                while input.readableBytes > 0 {
                    if inflater.hasEnded {
                        try inflater.reset()  // the next member
                    }
                    let before = input.readableBytes
                    try inflater.inflate(&input) { output in
                        expanded += Int64(output.readableBytes)
                        try budget.checkTotal(expanded, at: location)
                        try budget.checkRatio(expanded: expanded, compressed: offset, at: location)
                        try output.withUnsafeReadableBytes { try payload.consume($0) }
                    }
                    guard input.readableBytes < before || !inflater.hasEnded else {
                        throw Inflater.Problem.corrupt("no progress")
                    }
                }
            }
            guard inflater.hasEnded else {
                throw UnpackError(.truncated, at: location, "is cut short: it ends before its compressed data does")
            }
        } catch Inflater.Problem.corrupt(let reason) {
            throw UnpackError(.corrupt, at: location, "is damaged (zlib: \(reason))")
        }
        try payload.finish()
    }
}

/// What a gzip stream holds, decided from its first decompressed bytes: a tar archive, or one file.
private struct GzipPayload {
    private enum Mode {
        case sniffing([UInt8])
        case tar(TarUnpacker)
        case file(PendingFile)
    }

    private let session: ExtractionSession
    private let site: ArchiveSite
    private var mode = Mode.sniffing([])

    init(session: ExtractionSession, site: ArchiveSite) {
        self.session = session
        self.site = site
    }

    mutating func consume(_ bytes: UnsafeRawBufferPointer) throws {
        switch mode {
        case .sniffing(var prefix):
            prefix += bytes
            if prefix.count >= NestedArchive.prefixLength {
                try start(with: prefix)
            } else {
                mode = .sniffing(prefix)
            }
        case .tar(var unpacker):
            mode = .sniffing([])  // so that the reader's buffer is not copied on write
            try unpacker.consume(bytes)
            mode = .tar(unpacker)
        case .file(let file):
            try session.write(bytes, to: file)
        }
    }

    mutating func finish() throws {
        if case .sniffing(let prefix) = mode {
            try start(with: prefix)
        }
        switch mode {
        case .sniffing:
            preconditionFailure("started above")
        case .tar(let unpacker):
            try unpacker.finish()
        case .file(let file):
            try session.finishFile(file, folder: site.parentFolder, site: site)
        }
    }

    private mutating func start(with prefix: [UInt8]) throws {
        if NestedArchive.isTar(prefix) {
            var unpacker = try TarUnpacker(session: session, site: site)
            try unpacker.consume(prefix)
            mode = .tar(unpacker)
            return
        }
        let location = site.location(.gzip)
        try session.countEntry(at: location)
        let path: EntryPath
        do {
            path = try EntryPath(validating: site.stem)
        } catch {
            // ArchiveSite makes the stem one valid name, so this is never reached.
            throw UnpackError(.unsafePath, at: location, "holds a file with no usable name")
        }
        let file = try session.beginFile(path, location: location, compressedSize: nil)
        try prefix.withUnsafeBytes { try session.write($0, to: file) }
        mode = .file(file)
    }
}
