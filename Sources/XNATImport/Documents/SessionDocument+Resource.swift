extension SessionDocument {
    /// A resource of a session (`resources/resource`) or a scan (`file`): usually a catalog of files.
    package struct Resource: Sendable, Equatable {
        /// The resource's XNAT data type, written as `xsi:type`.
        package var kind: ResourceKind
        /// `@label`, such as `DICOM` or `secondary`.
        package var label: String?
        /// `@URI`: the catalog path, relative to the session folder in the prearchive (`SCANS/4/DICOM/…`).
        package var uri: String
        /// `@format`, such as `DICOM`.
        package var format: String?
        /// `@content`, such as `RAW`.
        package var content: String?
        /// `@description`.
        package var description: String?
        /// `@file_count`.
        package var fileCount: Int?
        /// `@file_size` in bytes.
        package var fileSize: Int64?
        /// `note`.
        package var note: String?

        /// Creates a resource.
        package init(
            kind: ResourceKind = .catalog,
            label: String?,
            uri: String,
            format: String? = nil,
            content: String? = nil,
            fileCount: Int? = nil,
            fileSize: Int64? = nil
        ) {
            self.kind = kind
            self.label = label
            self.uri = uri
            self.format = format
            self.content = content
            self.fileCount = fileCount
            self.fileSize = fileSize
        }

        /// The catalog resource the session builder writes for a scan's `label` files (§5.4): format `DICOM`,
        /// content `RAW` for the primary files and `secondary` for the others.
        package static func dicomCatalog(
            _ label: ScanResource,
            uri: String,
            fileCount: Int? = nil,
            fileSize: Int64? = nil
        ) -> Resource {
            Resource(
                label: label.rawValue,
                uri: uri,
                format: "DICOM",
                content: label.content.rawValue,
                fileCount: fileCount,
                fileSize: fileSize
            )
        }
    }

    /// The resource types Sluice reads and writes.
    package enum ResourceKind: String, Sendable, CaseIterable {
        /// A catalog file listing the resource's files.
        case catalog = "xnat:resourceCatalog"
        /// A single file or folder.
        case resource = "xnat:resource"
    }
}
