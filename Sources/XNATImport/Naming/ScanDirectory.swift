/// The `SCANS/<dir>` directory an incoming object is written to before the session is built
/// (`xnat-import-spec.md` §2.1 step 7). The session build later moves files to `SCANS/<scan ID>` if they differ.
package enum ScanDirectory {
    /// SeriesNumber when it is a valid file name (`[A-Za-z0-9_.-]+`), else the SeriesInstanceUID with every
    /// character outside `[A-Za-z0-9_-]` replaced by `_`, else `NA`.
    ///
    /// Beyond XNAT: a SeriesNumber made only of dots (`.`, `..`) is not taken, since it would name the `SCANS`
    /// directory itself or its parent. XNAT writes objects with neither value to `RESOURCES/DICOM`; the spec's
    /// `NA` keeps every object under `SCANS`, so the session build sees it as a scan.
    package static func name(seriesNumber: String?, seriesInstanceUID: String?) -> String {
        if let number = seriesNumber?.trimmingASCIIWhitespace(), LabelSanitizer.isValid(number, allowing: .fileName),
            number.contains(where: { $0 != "." })
        {
            return number
        }
        if let uid = seriesInstanceUID?.trimmingASCIIWhitespace(), !uid.isEmpty {
            return LabelSanitizer.sanitize(uid, allowing: .label)
        }
        return DefaultLabel.scanDirectory.rawValue
    }
}
