/// Caps on what one upload may unpack to; each broken cap is its own ``UnpackError/Kind``.
///
/// Sizes are counted from the bytes actually produced, never from sizes an archive declares (a declared size
/// above a cap only makes the error come sooner).
package struct ExtractionLimits: Sendable, Equatable {
    /// Most entries of any kind (files, folders, links, skipped entries), nested archives' entries included.
    package var maximumEntryCount: Int
    /// Most bytes written while unpacking, nested archives included (an archive inside the upload counts once
    /// as a file and again for what it holds); also caps what one gzip stream may expand to.
    package var maximumTotalBytes: Int64
    /// Most times one entry (or one gzip stream) may expand its compressed size.
    package var maximumEntryCompressionRatio: Int64
    /// Most times the bytes written may exceed the size of the upload.
    package var maximumOverallCompressionRatio: Int64
    /// Bytes an entry, a stream or the upload may expand to before either ratio is checked, so that small,
    /// very compressible files (a blank image, a text file) pass.
    package var compressionRatioAllowance: Int64
    /// Most levels of archives inside the upload: 0 refuses any archive inside the upload, 1 opens an archive
    /// inside the upload but refuses one inside that, and so on. A tar inside a gzip stream is one archive.
    package var maximumNestingDepth: Int
    /// Most UTF-8 bytes in an unpacked file's path relative to the destination; any one name is also limited to
    /// 255 bytes, as Linux file systems are.
    package var maximumPathLength: Int
    /// Whether archives inside the upload are opened (within ``maximumNestingDepth``); when `false` they are
    /// written as files like any other entry, as resource uploads with `extract=true` want.
    package var opensNestedArchives: Bool = true

    /// Creates limits; the defaults suit imaging uploads of up to a few thousand series.
    package init(
        maximumEntryCount: Int = 100_000,
        maximumTotalBytes: Int64 = 16 << 30,
        maximumEntryCompressionRatio: Int64 = 500,
        maximumOverallCompressionRatio: Int64 = 200,
        compressionRatioAllowance: Int64 = 1 << 20,
        maximumNestingDepth: Int = 2,
        maximumPathLength: Int = 1024
    ) {
        self.maximumEntryCount = maximumEntryCount
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumEntryCompressionRatio = maximumEntryCompressionRatio
        self.maximumOverallCompressionRatio = maximumOverallCompressionRatio
        self.compressionRatioAllowance = compressionRatioAllowance
        self.maximumNestingDepth = maximumNestingDepth
        self.maximumPathLength = maximumPathLength
    }

    /// The default limits.
    package static let `default` = ExtractionLimits()
}
