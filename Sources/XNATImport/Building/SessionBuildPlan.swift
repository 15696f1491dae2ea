/// What building a session from its folder's files comes to (`xnat-import-spec.md` §5): the session document,
/// the scan catalogs, and the file operations that bring the folder in line with them. Paths are relative to the
/// session folder and `/`-separated. ``SessionFolderWriter`` applies it.
package struct SessionBuildPlan: Sendable, Equatable {
    /// A catalog to write.
    package struct Catalog: Sendable, Equatable {
        /// `SCANS/4/DICOM/scan_4_catalog.xml`.
        package var relativePath: String
        /// The catalog's content.
        package var catalog: CatalogDocument

        /// Pairs a catalog with its path.
        package init(relativePath: String, catalog: CatalogDocument) {
            self.relativePath = relativePath
            self.catalog = catalog
        }
    }

    /// A file to rename. No target is the current path of any file, so moves can run in any order.
    package struct Move: Sendable, Equatable, Hashable {
        /// The file's current path.
        package var from: String
        /// Where it goes: `SCANS/<scan ID>/<resource label>/<name>`.
        package var to: String

        /// A move of `from` to `to`.
        package init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// The session document, referring to ``catalogs`` by their relative paths.
    package var document: SessionDocument
    /// One catalog per scan resource, in scan order.
    package var catalogs: [Catalog]
    /// Files to move to their scan's resource folder.
    package var moves: [Move]
    /// Files to delete: they repeat the SOPInstanceUID of a file that is kept.
    package var duplicates: [String]
    /// Lines for `dcmtoxnat.log`.
    package var warnings: [String]

    /// Creates a plan.
    package init(
        document: SessionDocument,
        catalogs: [Catalog] = [],
        moves: [Move] = [],
        duplicates: [String] = [],
        warnings: [String] = []
    ) {
        self.document = document
        self.catalogs = catalogs
        self.moves = moves
        self.duplicates = duplicates
        self.warnings = warnings
    }
}
