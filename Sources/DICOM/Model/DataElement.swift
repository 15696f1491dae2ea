/// One attribute of a data set: tag, VR and value, with the value still in its encoded bytes (pydicom's
/// `RawDataElement`): decoding happens on access, through the accessors in `DataSet+Values.swift`.
package struct DataElement: Sendable, Equatable {
    /// What an element holds.
    package enum Value: Sendable, Equatable {
        /// The raw value bytes of a primitive element, padding included.
        case bytes([UInt8])
        /// The items of a sequence (SQ, or UN of undefined length).
        case sequence([DataSet])
        /// Encapsulated pixel data: the Basic Offset Table, then one entry per fragment (PS3.5 §A.4).
        case fragments([[UInt8]])
    }

    package let tag: Tag
    package let vr: VR
    package var value: Value
    /// Absolute byte offset of the element's header in the stream it was read from (0 for built elements).
    package let offset: Int
    /// Byte order of binary values (explicit VR big endian data sets).
    package let isLittleEndian: Bool

    package init(tag: Tag, vr: VR, value: Value, offset: Int = 0, isLittleEndian: Bool = true) {
        self.tag = tag
        self.vr = vr
        self.value = value
        self.offset = offset
        self.isLittleEndian = isLittleEndian
    }

    /// The raw bytes of a primitive element; empty for sequences and fragments.
    package var bytes: [UInt8] {
        if case .bytes(let bytes) = value { return bytes }
        return []
    }

    /// The items of a sequence; empty for anything else.
    package var items: [DataSet] {
        if case .sequence(let items) = value { return items }
        return []
    }
}
