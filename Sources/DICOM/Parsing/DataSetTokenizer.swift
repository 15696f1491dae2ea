/// Reads a data set from bytes fed in pieces and returns it as tokens (PS3.5 §7).
///
/// Pure and incremental: `append(_:)` gives it bytes, `next()` returns the next token or `nil` when it needs
/// more input (or has finished: see `isFinished`). `finishInput()` says no more bytes will come, so that a
/// short stream becomes an error instead of a wait. Feeding the same bytes in any split gives the same tokens.
///
/// Element headers (PS3.5 §7.1):
/// - explicit VR, 16-bit length: tag (4), VR (2), length (2);
/// - explicit VR, 32-bit length (OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV): tag (4), VR (2),
///   reserved (2), length (4);
/// - implicit VR: tag (4), length (4); the VR comes from the data dictionary.
/// Items and delimiters (FFFE,xxxx) are always tag (4) and length (4) (§7.5).
package struct DataSetTokenizer: Sendable {
    /// VR explicit or implicit and byte order: the part of a transfer syntax the tokenizer needs.
    package struct Encoding: Sendable, Equatable {
        package var isExplicitVR: Bool
        package var isLittleEndian: Bool

        package init(isExplicitVR: Bool, isLittleEndian: Bool) {
            self.isExplicitVR = isExplicitVR
            self.isLittleEndian = isLittleEndian
        }

        package init(_ syntax: TransferSyntax) {
            self.init(isExplicitVR: syntax.isExplicitVR, isLittleEndian: syntax.isLittleEndian)
        }

        /// Content of UN elements of undefined length is implicit VR little endian (PS3.5 §6.2.2).
        package static let implicitLittleEndian = Encoding(isExplicitVR: false, isLittleEndian: true)
        package static let explicitLittleEndian = Encoding(isExplicitVR: true, isLittleEndian: true)
    }

    enum Container: Sendable {
        /// Inside a sequence, between items. `end` is the absolute end offset for a defined length.
        case sequence(tag: Tag, end: Int?, encoding: Encoding)
        /// Inside an item, reading its elements.
        case item(end: Int?, encoding: Encoding)
        /// Inside encapsulated pixel data, reading fragments.
        case fragments(tag: Tag, encoding: Encoding)
    }

    package let options: ParseOptions
    var input: InputBuffer
    var rootEncoding: Encoding
    var stack: [Container] = []
    var inputIsComplete = false
    /// Set once the stream has ended inside open containers in lenient mode: they are closed one per call.
    var closingAtEnd = false
    /// Set when a step consumed bytes without producing a token (a skipped delimiter).
    var readAgain = false
    package internal(set) var isFinished = false
    package internal(set) var repairs: [ParseRepair] = []
    /// The tag of the element before which `stopBefore` stopped reading.
    package internal(set) var stoppedAt: Tag?
    /// Reading a file meta group (PS3.10 §7.1): stop before the first top-level element outside group 0002, as
    /// before `stopBefore`, so a data set that starts with group 0000 or 0001 is not read as file meta.
    var readsFileMetaOnly = false

    package init(encoding: Encoding, options: ParseOptions = ParseOptions(), startOffset: Int = 0) {
        self.options = options
        self.rootEncoding = encoding
        self.input = InputBuffer(startOffset: startOffset)
    }

    /// The absolute offset of the next byte to read.
    package var position: Int { input.position }

    /// How many sequences and items are open.
    package var depth: Int { stack.count }

    package mutating func append(_ bytes: some Collection<UInt8>) {
        input.append(bytes)
    }

    /// No more bytes will be appended.
    package mutating func finishInput() {
        inputIsComplete = true
    }

    /// Unread bytes, handed back (used by `Part10Reader` to pass what follows the file meta on).
    package mutating func takeUnreadBytes() -> [UInt8] {
        input.takeAll()
    }

    /// Changes the root encoding before the first element has been read (lenient detection of files whose
    /// data set is not encoded as their transfer syntax says).
    package mutating func overrideRootEncoding(_ encoding: Encoding) {
        rootEncoding = encoding
    }

    /// The next token, or `nil` when more input is needed or reading has finished.
    package mutating func next() throws(DICOMParseError) -> DataSetToken? {
        while true {
            if isFinished || stoppedAt != nil { return nil }
            if closingAtEnd { return closeOneAtEnd() }
            let token: DataSetToken?
            switch stack.last {
            case nil:
                token = try nextElement(end: nil, encoding: rootEncoding, inItem: false)
            case .item(let end, let encoding):
                token = try nextElement(end: end, encoding: encoding, inItem: true)
            case .sequence(let tag, let end, let encoding):
                token = try nextItem(sequence: tag, end: end, encoding: encoding)
            case .fragments(let tag, let encoding):
                token = try nextFragment(pixelData: tag, encoding: encoding)
            }
            // A skipped stray delimiter asks for another turn; a loop rather than recursion, so that a
            // stream of a million delimiters cannot exhaust the stack.
            guard readAgain else { return token }
            readAgain = false
        }
    }

    // MARK: - Errors and repairs

    func error(_ kind: DICOMParseError.Kind, _ tag: Tag?, _ message: String, at offset: Int? = nil) -> DICOMParseError {
        DICOMParseError(kind, offset: offset ?? input.position, tag: tag, message)
    }

    /// In lenient mode records a repair; in strict mode throws.
    mutating func repairOrThrow(
        _ kind: DICOMParseError.Kind, _ tag: Tag?, _ message: String, at offset: Int? = nil
    ) throws(DICOMParseError) {
        let offset = offset ?? input.position
        guard options.mode == .lenient else { throw DICOMParseError(kind, offset: offset, tag: tag, message) }
        repairs.append(ParseRepair(offset: offset, tag: tag, message: message, kind: kind))
    }

    /// The stream ended: what is still open is either an error (strict) or closed with a repair (lenient).
    mutating func endOfInput(_ kind: DICOMParseError.Kind, _ tag: Tag?, _ message: String) throws(DICOMParseError)
        -> DataSetToken?
    {
        try repairOrThrow(kind, tag, message)
        closingAtEnd = true
        return closeOneAtEnd()
    }

    mutating func closeOneAtEnd() -> DataSetToken? {
        guard let container = stack.popLast() else {
            isFinished = true
            return nil
        }
        switch container {
        case .item: return .itemEnd
        case .sequence, .fragments: return .sequenceEnd
        }
    }
}
