/// One step of a data set as the tokenizer reads it (dicom-rs `DataToken`): primitive elements come whole,
/// sequences, items and encapsulated pixel data come as start and end markers around their content.
package enum DataSetToken: Sendable, Equatable {
    /// A primitive element and its raw value bytes, still encoded (decode with `DataElement`).
    case element(ElementHeader, value: [UInt8])
    /// A sequence begins; items follow, then `.sequenceEnd`.
    case sequenceStart(ElementHeader)
    /// An item of the current sequence begins; its elements follow, then `.itemEnd`.
    case itemStart(offset: Int, length: UInt32?)
    case itemEnd
    case sequenceEnd
    /// Encapsulated pixel data begins (PS3.5 §A.4); `.fragment`s follow (the first is the Basic Offset
    /// Table), then `.sequenceEnd`.
    case encapsulatedStart(ElementHeader)
    case fragment(offset: Int, bytes: [UInt8])
    /// `ParseOptions.stopBefore` was reached at the element with this tag, which starts at `offset` and was
    /// not read; no more tokens follow.
    case stopped(tag: Tag, offset: Int)
}

/// The header of an element as found in the stream.
package struct ElementHeader: Sendable, Equatable {
    package let tag: Tag
    package let vr: VR
    /// `nil` for undefined length (0xFFFFFFFF).
    package let length: UInt32?
    /// Absolute offset of the first byte of the element's header.
    package let offset: Int
    /// Byte order of the value.
    package let isLittleEndian: Bool

    package init(tag: Tag, vr: VR, length: UInt32?, offset: Int, isLittleEndian: Bool) {
        self.tag = tag
        self.vr = vr
        self.length = length
        self.offset = offset
        self.isLittleEndian = isLittleEndian
    }
}
