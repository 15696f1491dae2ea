/// Reads big-endian fields from one PDU's bytes, checking every length against what is there (PS3.8 §9.3.1:
/// all upper-layer fields are big endian, unlike DIMSE and data sets).
struct PDUReader {
    let bytes: ArraySlice<UInt8>
    private(set) var index: Int
    /// Offset of `bytes.startIndex` within the PDU, for error messages.
    let baseOffset: Int

    init(_ bytes: ArraySlice<UInt8>, baseOffset: Int = 0) {
        self.bytes = bytes
        self.index = bytes.startIndex
        self.baseOffset = baseOffset
    }

    var remaining: Int { bytes.endIndex - index }
    var offset: Int { baseOffset + index - bytes.startIndex }
    var isAtEnd: Bool { index >= bytes.endIndex }

    mutating func uint8() throws(PDUDecodingError) -> UInt8 {
        try need(1, "a one-byte field")
        defer { index += 1 }
        return bytes[index]
    }

    mutating func uint16() throws(PDUDecodingError) -> UInt16 {
        try need(2, "a two-byte field")
        defer { index += 2 }
        return UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
    }

    mutating func uint32() throws(PDUDecodingError) -> UInt32 {
        try need(4, "a four-byte field")
        defer { index += 4 }
        return UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8
            | UInt32(bytes[index + 3])
    }

    mutating func skip(_ count: Int) throws(PDUDecodingError) {
        try need(count, "reserved bytes")
        index += count
    }

    mutating func take(_ count: Int, _ what: String) throws(PDUDecodingError) -> ArraySlice<UInt8> {
        try need(count, what)
        defer { index += count }
        return bytes[index..<(index + count)]
    }

    /// A text field: ASCII, leading and trailing spaces and NULs removed (AE titles are space-padded, UIDs may be
    /// NUL-padded by older peers).
    mutating func text(_ count: Int, _ what: String) throws(PDUDecodingError) -> String {
        Self.trimmed(try take(count, what))
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while let last = slice.last, last == 0x20 || last == 0 { slice = slice.dropLast() }
        while let first = slice.first, first == 0x20 || first == 0 { slice = slice.dropFirst() }
        return String(decoding: slice, as: UTF8.self)
    }

    private func need(_ count: Int, _ what: String) throws(PDUDecodingError) {
        guard count >= 0, remaining >= count else {
            throw PDUDecodingError(.truncated, offset: offset, "\(what) runs past the end of its PDU or item")
        }
    }
}
