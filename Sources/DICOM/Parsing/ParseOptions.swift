/// Options for reading a DICOM stream.
package struct ParseOptions: Sendable {
    /// How deviations from the standard are handled.
    package enum Mode: Sendable {
        /// Every deviation throws a `DICOMParseError`.
        case strict
        /// Deviations that can be worked around are, and each is reported as a `ParseRepair`.
        case lenient
    }

    package var mode: Mode
    /// Stop before the first top-level element whose tag is this one or later, without reading it; used
    /// for header-only reads (`Tag.pixelData`). `nil` reads everything.
    package var stopBefore: Tag?
    /// Values longer than this are refused as `invalidLength` before any byte of them is buffered.
    package var maximumValueLength: Int
    /// Sequences nested deeper than this are refused.
    package var maximumDepth: Int
    /// Limit on the inflated size of a deflated data set (guards against deflate bombs).
    package var maximumInflatedBytes: Int

    package init(
        mode: Mode = .lenient,
        stopBefore: Tag? = nil,
        maximumValueLength: Int = 1 << 31,
        maximumDepth: Int = 32,
        maximumInflatedBytes: Int = 1 << 32
    ) {
        self.mode = mode
        self.stopBefore = stopBefore
        self.maximumValueLength = maximumValueLength
        self.maximumDepth = maximumDepth
        self.maximumInflatedBytes = maximumInflatedBytes
    }

    /// Header only, lenient: stop before the pixel data elements, (7FE0,0008) Float Pixel Data, (7FE0,0009)
    /// Double Float Pixel Data and (7FE0,0010) Pixel Data, as pydicom's `stop_before_pixels` does.
    package static let header = ParseOptions(stopBefore: Tag(0x7FE0_0008))
}
