import DICOM

/// One DICOM file of a prearchive session folder, as the session build sees it (`xnat-import-spec.md` §5).
package struct SessionFile: Sendable, Equatable {
    /// The path relative to the session folder, `/`-separated: `SCANS/4/DICOM/a.dcm`.
    package var relativePath: String
    /// The data set up to the pixel data (header-only read).
    package var header: DataSet
    /// The file's size in bytes.
    package var size: Int64
    /// The MD5 of the whole file, lowercase hex.
    package var md5: String

    /// Describes a file.
    package init(relativePath: String, header: DataSet, size: Int64, md5: String) {
        self.relativePath = relativePath
        self.header = header
        self.size = size
        self.md5 = md5
    }

    /// The last path component: `a.dcm`.
    package var fileName: String {
        relativePath.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? relativePath
    }

    /// The folder part of ``relativePath`` without a trailing `/`: `SCANS/4/DICOM`; empty for a bare name.
    package var folder: String {
        guard let slash = relativePath.lastIndex(of: "/") else { return "" }
        return String(relativePath[..<slash])
    }
}
