/// A resource catalog: `scan_<id>_catalog.xml`, the list of a resource's files (`xnat-import-spec.md` §5.4, §6.4).
///
/// The session builder writes a `cat:DCMCatalog` per DICOM resource with the SeriesInstanceUID, the image
/// dimensions and one `cat:dcmEntry` per file (URI relative to the catalog's folder, SOPInstanceUID, instance
/// number); archiving adds `ID`, creation details, `format` and the MD5 `digest`. ``xml(indentation:)`` writes
/// the `cat:` elements in catalog-schema order the way XNAT's beans do; ``init(xml:)`` reads them back.
package struct CatalogDocument: Sendable, Equatable {
    /// The root element and data type.
    package enum Kind: String, Sendable, CaseIterable {
        /// `cat:DCMCatalog`, a catalog of DICOM files.
        case dicom = "DCMCatalog"
        /// `cat:Catalog`, a catalog of any files.
        case plain = "Catalog"
    }

    /// The root element.
    package var kind: Kind
    /// `@ID`.
    package var id: String?
    /// `@name`.
    package var name: String?
    /// `@description`.
    package var description: String?
    /// `@UID`: the SeriesInstanceUID (DICOM catalogs only).
    package var uid: String?
    /// `metaFields/metaField`, such as `AUDIT` and `PROJECT`.
    package var metaFields: [MetaField] = []
    /// `entries/entry`, in file order.
    package var entries: [Entry] = []
    /// `dimensions`: Columns, Rows and the frame count (DICOM catalogs only).
    package var dimensions: Dimensions?
    /// `voxelRes` (DICOM catalogs only).
    package var voxelResolution: VoxelResolution?
    /// `orientation` (DICOM catalogs only).
    package var orientation: String?

    /// Creates a catalog.
    package init(kind: Kind = .dicom, uid: String? = nil, entries: [Entry] = []) {
        self.kind = kind
        self.uid = uid
        self.entries = entries
    }
}

extension CatalogDocument {
    /// A named value in `metaFields`.
    package typealias MetaField = NamedValue

    /// The `dimensions` of a DICOM catalog's images.
    package struct Dimensions: Sendable, Equatable {
        /// `@x`: Columns.
        package var x: Int?
        /// `@y`: Rows.
        package var y: Int?
        /// `@z`: the number of frames.
        package var z: Int?
        /// `@volumes`.
        package var volumes: Int?

        /// Creates dimensions.
        package init(x: Int? = nil, y: Int? = nil, z: Int? = nil, volumes: Int? = nil) {
            self.x = x
            self.y = y
            self.z = z
            self.volumes = volumes
        }
    }
}
