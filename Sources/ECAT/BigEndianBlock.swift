/// A fixed-size run of file bytes (a 512-byte block or a 1024-byte subheader) read as ECAT 7
/// values: every number big-endian, floats IEEE 754 (not VAX), strings fixed-width NUL-padded
/// latin-1.
///
/// Callers check the length once when they build the block; every field offset they then use is a
/// constant inside that length.
struct BigEndianBlock {
    let bytes: [UInt8]

    init(_ bytes: some Collection<UInt8>) {
        self.bytes = Array(bytes)
    }

    var count: Int { bytes.count }

    func uint16(_ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    func int16(_ offset: Int) -> Int16 {
        Int16(bitPattern: uint16(offset))
    }

    func uint32(_ offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in offset..<offset + 4 {
            value = value << 8 | UInt32(bytes[index])
        }
        return value
    }

    func int32(_ offset: Int) -> Int32 {
        Int32(bitPattern: uint32(offset))
    }

    func float32(_ offset: Int) -> Float {
        Float(bitPattern: uint32(offset))
    }

    /// `count` consecutive big-endian floats starting at `offset`.
    func float32s(_ offset: Int, count: Int) -> [Float] {
        (0..<count).map { float32(offset + 4 * $0) }
    }

    /// `count` consecutive big-endian signed shorts starting at `offset`.
    func int16s(_ offset: Int, count: Int) -> [Int16] {
        (0..<count).map { int16(offset + 2 * $0) }
    }

    /// A fixed-width text field: cut at the first NUL, trailing spaces removed, bytes read as
    /// latin-1 (each byte is the Unicode scalar of the same value).
    func string(_ offset: Int, length: Int) -> String {
        var field = bytes[offset..<offset + length]
        if let nul = field.firstIndex(of: 0) {
            field = field[..<nul]
        }
        while let last = field.last, last == 0x20 {
            field = field.dropLast()
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: field.map { Unicode.Scalar($0) })
        return String(scalars)
    }
}
