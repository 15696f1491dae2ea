/// Bytes fed to a parser and not yet consumed, with their absolute position in the stream.
///
/// Consumed bytes are dropped from time to time, so memory stays bounded by what one token needs.
struct InputBuffer: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Index in `bytes` of the next unread byte.
    private(set) var cursor = 0
    /// Absolute stream offset of `bytes[0]`.
    private(set) var base: Int

    init(startOffset: Int) {
        self.base = startOffset
    }

    /// Absolute stream offset of the next unread byte.
    var position: Int { base + cursor }
    var available: Int { bytes.count - cursor }

    mutating func append(_ more: some Collection<UInt8>) {
        if cursor > 0, cursor >= bytes.count / 2 || cursor > 1 << 20 {
            bytes.removeSubrange(0..<cursor)
            base += cursor
            cursor = 0
        }
        bytes.append(contentsOf: more)
    }

    mutating func skip(_ count: Int) {
        cursor += count
    }

    /// Takes the next `count` bytes (the caller checked `available`).
    mutating func take(_ count: Int) -> [UInt8] {
        let out = Array(bytes[cursor..<cursor + count])
        cursor += count
        return out
    }

    /// Hands every unread byte to the caller and empties the buffer.
    mutating func takeAll() -> [UInt8] {
        let out = Array(bytes[cursor...])
        base += bytes.count
        bytes = []
        cursor = 0
        return out
    }

    func byte(at relative: Int) -> UInt8 {
        bytes[cursor + relative]
    }

    func uint16(at relative: Int, littleEndian: Bool) -> UInt16 {
        let b0 = UInt16(bytes[cursor + relative])
        let b1 = UInt16(bytes[cursor + relative + 1])
        return littleEndian ? b0 | b1 << 8 : b0 << 8 | b1
    }

    func uint32(at relative: Int, littleEndian: Bool) -> UInt32 {
        let b0 = UInt32(bytes[cursor + relative])
        let b1 = UInt32(bytes[cursor + relative + 1])
        let b2 = UInt32(bytes[cursor + relative + 2])
        let b3 = UInt32(bytes[cursor + relative + 3])
        return littleEndian ? b0 | b1 << 8 | b2 << 16 | b3 << 24 : b0 << 24 | b1 << 16 | b2 << 8 | b3
    }

    /// A tag is two 16-bit numbers, each in the stream's byte order (PS3.5 §7.1.1).
    func tag(at relative: Int, littleEndian: Bool) -> Tag {
        Tag(group: uint16(at: relative, littleEndian: littleEndian), element: uint16(at: relative + 2, littleEndian: littleEndian))
    }
}
