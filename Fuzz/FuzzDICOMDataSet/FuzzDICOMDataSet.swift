import DICOM

/// libFuzzer entry point: one input is the data set of a C-STORE as received (implicit VR little endian, no file
/// meta), read the ways the server reads it.
///
/// - `DataSetTokenizer` in pieces of any size, strict and lenient, building a `DataSet`: the same tokens whatever the
///   split (checked against a whole read);
/// - the staged file the receiver writes (`Part10Writer.fileMetaBytes` + the bytes) read header-only in 64 KiB pieces,
///   as `IncomingObject` reads it, and whole;
/// - what strict mode accepts, `DataSetEncoder` re-encodes and strict mode reads back to the same elements.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDICOMDataSet(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    DataSetFuzzing.check(bytes)
    return 0
}

enum DataSetFuzzing {
    static let encoding = DataSetTokenizer.Encoding.implicitLittleEndian

    static func check(_ bytes: [UInt8]) {
        for mode in [ParseOptions.Mode.lenient, .strict] {
            let whole = tokens(bytes, mode: mode, pieceSize: max(bytes.count, 1))
            let pieced = tokens(bytes, mode: mode, pieceSize: pieceSize(for: bytes))
            require(whole == pieced, "tokens differ when fed in pieces")
            if mode == .strict, case .success(let tokens) = whole { checkRoundTrip(tokens) }
        }
        let staged =
            Part10Writer.fileMetaBytes(
                sopClassUID: "1.2.840.10008.5.1.4.1.1.7",
                sopInstanceUID: "1.2.3.4",
                transferSyntaxUID: TransferSyntax.implicitVRLittleEndian.uid,
                sourceAETitle: "FUZZ"
            ) + bytes
        var header = ParseOptions.header
        header.maximumValueLength = 64 << 20
        _ = readFile(staged, options: header, pieceSize: 1 << 16)
        if case .success(let file) = readFile(staged, options: ParseOptions(), pieceSize: staged.count) {
            for element in file.dataSet.elements {
                _ = file.dataSet.strings(element.tag)
                _ = file.dataSet.personName(element.tag)?.description
            }
        }
    }

    /// Every token of `bytes`, or the error that ended them.
    static func tokens(
        _ bytes: [UInt8],
        mode: ParseOptions.Mode,
        pieceSize: Int
    ) -> Result<[DataSetToken], DICOMParseError> {
        var tokenizer = DataSetTokenizer(encoding: encoding, options: ParseOptions(mode: mode))
        var tokens: [DataSetToken] = []
        var start = 0
        do {
            while start < bytes.count {
                let end = min(bytes.count, start + pieceSize)
                tokenizer.append(bytes[start..<end])
                start = end
                while let token = try tokenizer.next() { tokens.append(token) }
            }
            tokenizer.finishInput()
            while let token = try tokenizer.next() { tokens.append(token) }
            require(tokenizer.isFinished, "the tokenizer stopped before the end of its input")
            return .success(tokens)
        } catch {
            return .failure(error)
        }
    }

    static func readFile(_ bytes: [UInt8], options: ParseOptions, pieceSize: Int) -> Result<DICOMFile, DICOMParseError>
    {
        var reader = DICOMFileReader(options: options)
        var start = 0
        do {
            while start < bytes.count {
                let end = min(bytes.count, start + pieceSize)
                reader.append(bytes[start..<end])
                start = end
                if let file = try reader.read() { return .success(file) }
            }
            reader.finishInput()
            if let file = try reader.read() { return .success(file) }
            return .failure(DICOMParseError(.truncated, offset: bytes.count, "the file ended before the data set"))
        } catch {
            return .failure(error)
        }
    }

    /// A piece size that depends only on the input, so a crash reproduces.
    static func pieceSize(for bytes: [UInt8]) -> Int {
        let sizes = [1, 2, 5, 8, 100, 4096]
        let index = (bytes.count &* 7 &+ Int(bytes.first ?? 0)) % sizes.count
        return bytes.count > 8192 ? max(sizes[index], 100) : sizes[index]
    }

    /// Build, encode, tokenize and build again: the same elements, values padded to even length.
    static func checkRoundTrip(_ tokens: [DataSetToken]) {
        var builder = DataSetBuilder()
        for token in tokens { builder.consume(token) }
        var original = builder.dataSet
        for element in builder.fileMeta.elements { original.insert(element) }
        let encoded = DataSetEncoder(encoding: encoding).encode(original)
        guard case .success(let again) = Self.tokens(encoded, mode: .strict, pieceSize: max(encoded.count, 1)) else {
            fatalError("strict mode accepted the data set but not its re-encoding")
        }
        var rebuilder = DataSetBuilder()
        for token in again { rebuilder.consume(token) }
        var reread = rebuilder.dataSet
        for element in rebuilder.fileMeta.elements { reread.insert(element) }
        require(Shape.of(reread) == Shape.of(original), "the re-encoded data set reads back with other elements")
    }
}

/// A data set's content as an encoder keeps it: tags, values padded to even length (implicit VR: no VR kept).
indirect enum Shape: Equatable {
    case value(UInt32, [UInt8])
    case sequence(UInt32, [[Shape]])
    case fragments(UInt32, [[UInt8]])

    static func of(_ dataSet: DataSet) -> [Shape] {
        dataSet.sortedElements.map { element in
            switch element.value {
            case .bytes(let bytes):
                return .value(element.tag.rawValue, bytes.count & 1 == 1 ? bytes + [element.vr.paddingByte] : bytes)
            case .sequence(let items):
                return .sequence(element.tag.rawValue, items.map(of))
            case .fragments(let fragments):
                return .fragments(element.tag.rawValue, fragments.map { $0.count & 1 == 1 ? $0 + [0] : $0 })
            }
        }
    }
}

/// `precondition` that also reports its message in optimised builds (libFuzzer runs release builds).
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "") {
    if !condition() { fatalError(message()) }
}
