extension CatalogDocument {
    /// One file of a catalog: `cat:entry`, or `cat:dcmEntry` for DICOM files.
    package struct Entry: Sendable, Equatable {
        /// The entry's data type.
        package enum Kind: String, Sendable, CaseIterable {
            /// `cat:dcmEntry`: a DICOM file, with SOPInstanceUID and instance number.
            case dicom = "cat:dcmEntry"
            /// `cat:entry`: any file; written without `xsi:type`.
            case plain = "cat:entry"
        }

        /// The entry's data type.
        package var kind: Kind
        /// `@URI`: the file's path relative to the catalog's folder (the bare file name for scans).
        package var uri: String
        /// `@ID`: set at archive time to the same relative path.
        package var id: String?
        /// `@name`.
        package var name: String?
        /// `@description`.
        package var description: String?
        /// `@format`, such as `DICOM`.
        package var format: String?
        /// `@content`.
        package var content: String?
        /// `@cachePath`.
        package var cachePath: String?
        /// `@UID`: the SOPInstanceUID (DICOM entries).
        package var uid: String?
        /// `@instanceNumber`: InstanceNumber (DICOM entries of primary files).
        package var instanceNumber: Int?
        /// `@digest`: the file's MD5, lowercase hex.
        package var digest: String?
        /// `@createdTime`, as XNAT writes it (`yyyy-MM-dd'T'HH:mm:ss.SSS`).
        package var createdTime: String?
        /// `@createdBy`: a user name.
        package var createdBy: String?
        /// `@createdEventId`: the audit event that added the file.
        package var createdEventID: String?
        /// `@modifiedTime`.
        package var modifiedTime: String?
        /// `@modifiedBy`.
        package var modifiedBy: String?
        /// `@modifiedEventId`.
        package var modifiedEventID: String?
        /// `metaFields/metaField`, such as `size_in_bytes`.
        package var metaFields: [MetaField] = []

        /// Creates an entry.
        package init(
            kind: Kind = .dicom,
            uri: String,
            uid: String? = nil,
            instanceNumber: Int? = nil,
            digest: String? = nil
        ) {
            self.kind = kind
            self.uri = uri
            self.uid = uid
            self.instanceNumber = instanceNumber
            self.digest = digest
        }

        /// The `size_in_bytes` meta field, which XNAT adds when it records file sizes.
        package var sizeInBytes: Int64? {
            get { metaFields.first { $0.name == Self.sizeField }.flatMap { Int64($0.value) } }
            set {
                metaFields.removeAll { $0.name == Self.sizeField }
                if let newValue {
                    metaFields.append(MetaField(name: Self.sizeField, value: String(newValue)))
                }
            }
        }

        private static let sizeField = "size_in_bytes"
    }
}
