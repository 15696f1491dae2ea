import DICOM

/// Swift Testing has a `Tag` type too; in this module `Tag` is the DICOM one.
typealias Tag = DICOM.Tag

/// Runs a tokenizer over bytes fed in pieces of `chunk` bytes and returns every token.
func tokenize(
    _ bytes: [UInt8], _ encoding: DataSetTokenizer.Encoding, chunk: Int = .max,
    options: ParseOptions = ParseOptions(mode: .strict)
) throws(DICOMParseError) -> [DataSetToken] {
    var tokenizer = DataSetTokenizer(encoding: encoding, options: options)
    var tokens: [DataSetToken] = []
    var start = 0
    repeat {
        let end = chunk == .max ? bytes.count : min(bytes.count, start + chunk)
        tokenizer.append(bytes[start..<end])
        start = end
        if start == bytes.count { tokenizer.finishInput() }
        while let token = try tokenizer.next() { tokens.append(token) }
    } while start < bytes.count
    while let token = try tokenizer.next() { tokens.append(token) }
    return tokens
}

/// Reads a file fed in pieces of `chunk` bytes.
func readFile(_ bytes: [UInt8], chunk: Int, options: ParseOptions = ParseOptions(mode: .strict)) throws(DICOMParseError)
    -> DICOMFile
{
    var reader = DICOMFileReader(options: options)
    var start = 0
    while true {
        let end = min(bytes.count, start + chunk)
        reader.append(bytes[start..<end])
        start = end
        if start == bytes.count { reader.finishInput() }
        if let file = try reader.read() { return file }
        if start == bytes.count { fatalError("reader wants more after the end of input") }
    }
}

extension DataSetToken {
    var tag: Tag? {
        switch self {
        case .element(let header, _), .sequenceStart(let header), .encapsulatedStart(let header): header.tag
        default: nil
        }
    }
}
