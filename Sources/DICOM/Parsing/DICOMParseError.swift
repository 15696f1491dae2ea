/// Why a DICOM stream could not be read. Every error names the byte offset and, where one was being read,
/// the tag.
package struct DICOMParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// No "DICM" at offset 128 and the bytes do not look like a raw data set either.
        case notDICOM
        /// The input ended inside an element header, a value, an item or a sequence.
        case truncated
        /// An explicit-VR header holds two bytes that name no VR.
        case invalidVR
        /// A value length that cannot be right: odd (strict mode), past its container's end, or over the limit.
        case invalidLength
        /// Undefined length on an element that cannot have it.
        case unexpectedUndefinedLength
        /// Something other than an item or a delimiter inside a sequence.
        case unexpectedTag
        /// Sequences nested deeper than `ParseOptions.maximumDepth`.
        case nestingTooDeep
        /// The file meta group lacks a required element or holds a bad one.
        case invalidFileMeta
        /// The DEFLATE stream of a deflated data set is corrupt.
        case invalidDeflateStream
        /// The same tag twice in one data set, or tags out of order (strict mode).
        case elementOrder
    }

    package let kind: Kind
    /// Absolute byte offset in the stream (for deflated data sets: in the inflated stream after the file meta).
    package let offset: Int
    /// The element being read, when there was one.
    package let tag: Tag?
    package let message: String

    package init(_ kind: Kind, offset: Int, tag: Tag? = nil, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.tag = tag
        self.message = message
    }

    package var description: String {
        located(message, tag: tag, offset: offset)
    }
}

/// A deviation from the standard that lenient mode accepted and worked around; callers log each one.
package struct ParseRepair: Sendable, Equatable, CustomStringConvertible {
    package let offset: Int
    package let tag: Tag?
    package let message: String
    /// The error strict mode would have thrown instead, when the repair stands for one.
    package let kind: DICOMParseError.Kind?

    package init(offset: Int, tag: Tag?, message: String, kind: DICOMParseError.Kind? = nil) {
        self.offset = offset
        self.tag = tag
        self.message = message
        self.kind = kind
    }

    package var description: String {
        located(message, tag: tag, offset: offset)
    }
}

/// "`message` at (0010,0010), byte offset 42": where a problem was found, for errors and repairs alike.
func located(_ message: String, tag: Tag?, offset: Int) -> String {
    if let tag {
        return "\(message) at \(tag), byte offset \(offset)"
    }
    return "\(message) at byte offset \(offset)"
}
