extension Part10Reader {
    /// Guesses how a raw data set is encoded from its first element header, or returns `nil` if the bytes
    /// do not look like a data set. Groups 0000 to 0010 are accepted for the first element; explicit VR when
    /// bytes 4-5 name a VR; big endian when the group reads as a plausible number only that way round.
    static func detectEncoding(_ bytes: [UInt8]) -> DataSetTokenizer.Encoding? {
        guard bytes.count >= 8 else { return nil }
        let littleGroup = UInt16(bytes[0]) | UInt16(bytes[1]) << 8
        let bigGroup = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        let isLittleEndian: Bool
        if littleGroup <= 0x0010 && littleGroup & 1 == 0 {
            isLittleEndian = true
        } else if bigGroup <= 0x0010 && bigGroup & 1 == 0 && bigGroup != 0 {
            isLittleEndian = false
        } else {
            return nil
        }
        let isExplicitVR = VR(byte0: bytes[4], byte1: bytes[5]) != nil
        return DataSetTokenizer.Encoding(isExplicitVR: isExplicitVR, isLittleEndian: isLittleEndian)
    }
}
