extension SessionKind {
    /// The session document's data type with the same `xsi:type`, or `nil` if the document model lacks it.
    package var dataType: ImageSessionDataType? { ImageSessionDataType(rawValue: rawValue) }
}

extension ScanKind {
    /// The scan's data type with the same `xsi:type`, or `nil` if the document model lacks it.
    package var dataType: ImageScanDataType? { ImageScanDataType(rawValue: rawValue) }
}
