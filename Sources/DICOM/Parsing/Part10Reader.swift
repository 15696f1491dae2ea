/// Reads a DICOM stream fed in pieces: a Part-10 file (PS3.10 §7.1: 128-byte preamble, "DICM", the file
/// meta group in explicit VR little endian, then the data set in the transfer syntax named by
/// (0002,0010)), or a raw data set with no preamble and no file meta, whose encoding is then detected from
/// its first element. Deflated data sets are inflated on the way (PS3.5 §A.5).
///
/// Tokens come out as from `DataSetTokenizer`; top-level group 0002 elements are the file meta.
package struct Part10Reader: Sendable {
    private enum Phase: Sendable {
        case preamble
        case fileMeta
        case dataSet
    }

    package let options: ParseOptions
    private var phase = Phase.preamble
    private var pending: [UInt8] = []
    private var inputIsComplete = false
    private var meta: DataSetTokenizer?
    private var body: DataSetTokenizer?
    private var inflater: Inflater?
    /// Compressed bytes not yet inflated: `compressed[compressedStart...]`.
    private var compressed: [UInt8] = []
    private var compressedStart = 0
    private var metaRepairs: [ParseRepair] = []
    private var declaredSyntax: TransferSyntax?
    /// The first bytes of a data set, held until there are enough to check its encoding.
    private var probe: [UInt8]?
    private var probeError: DICOMParseError?

    /// Whether the stream started with the 128-byte preamble and "DICM".
    package private(set) var hasPreamble = false
    /// The transfer syntax the data set is read with, once known.
    package private(set) var transferSyntax: TransferSyntax?

    package init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    package var isFinished: Bool { body?.isFinished ?? false }
    /// The tag before which reading stopped (`ParseOptions.stopBefore`).
    package var stoppedAt: Tag? { body?.stoppedAt }
    /// Where the element reading stopped at starts, counted in the data set's stream (the file, unless it is
    /// deflated).
    package var stoppedAtOffset: Int? { body?.stoppedAt == nil ? nil : body?.position }
    package var repairs: [ParseRepair] { metaRepairs + (meta?.repairs ?? []) + (body?.repairs ?? []) }

    package mutating func append(_ bytes: some Collection<UInt8>) {
        switch phase {
        case .preamble: pending.append(contentsOf: bytes)
        case .fileMeta: meta!.append(bytes)
        case .dataSet:
            if inflater != nil {
                compressed.append(contentsOf: bytes)
            } else if probe != nil {
                probe!.append(contentsOf: bytes)
                flushProbe()
            } else {
                body!.append(bytes)
            }
        }
    }

    package mutating func finishInput() {
        inputIsComplete = true
        meta?.finishInput()
        if probe != nil { flushProbe() }
        if inflater == nil { body?.finishInput() }
    }

    /// The next token, or `nil` when more input is needed or reading has finished.
    package mutating func next() throws(DICOMParseError) -> DataSetToken? {
        while true {
            switch phase {
            case .preamble:
                guard try readPreamble() else { return nil }
            case .fileMeta:
                guard let token = try meta!.next() else {
                    guard meta!.isFinished else { return nil }
                    try startDataSet(at: meta!.position, bytes: [])
                    continue
                }
                if case .stopped = token {
                    let offset = meta!.position
                    try startDataSet(at: offset, bytes: meta!.takeUnreadBytes())
                    continue
                }
                if case .element(let header, let value) = token, header.tag == Tag(0x0002_0010) {
                    declaredSyntax = TransferSyntax(uid: String(decoding: value, as: UTF8.self))
                }
                return token
            case .dataSet:
                if let probeError { throw probeError }
                if probe != nil { return nil }
                if let token = try body!.next() { return token }
                guard inflater != nil, !body!.isFinished, body!.stoppedAt == nil else { return nil }
                guard try inflateMore() else { return nil }
            }
        }
    }

    // MARK: - Phases

    /// Looks at the first 132 bytes; returns false if more are needed.
    private mutating func readPreamble() throws(DICOMParseError) -> Bool {
        if pending.count < 132 && !inputIsComplete { return false }
        if pending.count >= 132 && pending[128..<132].elementsEqual("DICM".utf8) {
            hasPreamble = true
            startFileMeta(at: 132, bytes: Array(pending[132...]))
            return true
        }
        // No preamble: a raw data set, possibly starting with a file meta group.
        guard let encoding = Self.detectEncoding(pending) else {
            throw DICOMParseError(.notDICOM, offset: 0, "not a DICOM file: no \"DICM\" at byte 128 and no data set at byte 0")
        }
        if pending.count >= 2, pending[0] == 0x02, pending[1] == 0x00 {
            startFileMeta(at: 0, bytes: pending)
        } else {
            declaredSyntax = nil
            try startDataSet(at: 0, bytes: pending, detected: encoding)
        }
        pending = []
        return true
    }

    private mutating func startFileMeta(at offset: Int, bytes: [UInt8]) {
        var metaOptions = options
        metaOptions.stopBefore = Tag(0x0003_0000)
        var tokenizer = DataSetTokenizer(encoding: .explicitLittleEndian, options: metaOptions, startOffset: offset)
        tokenizer.readsFileMetaOnly = true
        tokenizer.append(bytes)
        if inputIsComplete { tokenizer.finishInput() }
        meta = tokenizer
        pending = []
        phase = .fileMeta
    }

    private mutating func startDataSet(
        at offset: Int, bytes: [UInt8], detected: DataSetTokenizer.Encoding? = nil
    ) throws(DICOMParseError) {
        var syntax = declaredSyntax
        if syntax == nil {
            if hasPreamble || meta != nil {
                let message = "file meta has no Transfer Syntax UID (0002,0010)"
                guard options.mode == .lenient else { throw DICOMParseError(.invalidFileMeta, offset: offset, message) }
                metaRepairs.append(ParseRepair(offset: offset, tag: Tag(0x0002_0010), message: message + "; detected from the data"))
            }
            let encoding = detected ?? Self.detectEncoding(bytes) ?? .implicitLittleEndian
            syntax = TransferSyntax(
                uid: "", isExplicitVR: encoding.isExplicitVR, isLittleEndian: encoding.isLittleEndian,
                isDeflated: false, isEncapsulated: false)
        }
        let resolved = syntax!
        transferSyntax = resolved
        body = DataSetTokenizer(encoding: .init(resolved), options: options, startOffset: offset)
        phase = .dataSet
        if resolved.isDeflated {
            inflater = Inflater(maximumOutputBytes: options.maximumInflatedBytes)
            compressed = bytes
        } else {
            probe = bytes
            flushProbe()
        }
    }

    /// Once 8 bytes of the data set are there (or the input has ended), checks its encoding and hands the
    /// bytes to the tokenizer.
    private mutating func flushProbe() {
        guard let bytes = probe, bytes.count >= 8 || inputIsComplete else { return }
        probe = nil
        do {
            try checkEncoding(of: bytes, declared: transferSyntax!, at: body!.position)
        } catch {
            probeError = error
        }
        body!.append(bytes)
        if inputIsComplete { body!.finishInput() }
    }

    /// Files whose data set is not encoded as their transfer syntax says (explicit vs implicit VR) are common
    /// enough that pydicom and dcmtk detect it from the first element: lenient mode does the same.
    private mutating func checkEncoding(of bytes: [UInt8], declared: TransferSyntax, at offset: Int) throws(DICOMParseError) {
        if declared.uid == "", let actual = Self.detectEncoding(bytes), actual != DataSetTokenizer.Encoding(declared) {
            // No transfer syntax: the encoding guessed when the data set began may have seen fewer than 8 bytes
            // (input fed in pieces); guess again from the same bytes a whole read sees.
            transferSyntax = TransferSyntax(
                uid: "", isExplicitVR: actual.isExplicitVR, isLittleEndian: actual.isLittleEndian,
                isDeflated: false, isEncapsulated: false)
            body!.overrideRootEncoding(actual)
            return
        }
        guard declared.uid != "", let actual = Self.detectEncoding(bytes),
            actual.isExplicitVR != declared.isExplicitVR, actual.isLittleEndian == declared.isLittleEndian
        else { return }
        let message = "data set is \(actual.isExplicitVR ? "explicit" : "implicit") VR but the transfer syntax \(declared.uid) says otherwise"
        guard options.mode == .lenient else { throw DICOMParseError(.invalidVR, offset: offset, message) }
        metaRepairs.append(ParseRepair(offset: offset, tag: nil, message: message + "; read as found"))
        body!.overrideRootEncoding(actual)
    }

    /// Inflates the next piece of compressed input; false when there is none.
    private mutating func inflateMore() throws(DICOMParseError) -> Bool {
        if compressedStart == compressed.count {
            guard inputIsComplete else { return false }
            do {
                try inflater!.finish()
            } catch {
                throw DICOMParseError(.invalidDeflateStream, offset: body!.position, "deflated data set: \(error)")
            }
            body!.finishInput()
            return true
        }
        // Inflate 16 KiB at a time, so a header read stops soon and output per step stays small.
        let end = min(compressed.count, compressedStart + (1 << 14))
        let chunk = compressed[compressedStart..<end]
        compressedStart = end
        if compressedStart == compressed.count {
            compressed.removeAll(keepingCapacity: true)
            compressedStart = 0
        }
        do {
            body!.append(try inflater!.inflate(chunk))
        } catch {
            throw DICOMParseError(.invalidDeflateStream, offset: body!.position, "deflated data set: \(error)")
        }
        return true
    }
}
