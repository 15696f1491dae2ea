/// Counts what an upload has unpacked so far against its ``ExtractionLimits``.
struct ExtractionBudget {
    let limits: ExtractionLimits
    /// The upload's size in bytes, the base of the overall compression ratio.
    let uploadSize: Int64
    private(set) var entryCount = 0
    private(set) var totalBytes: Int64 = 0

    init(limits: ExtractionLimits, uploadSize: Int64) {
        self.limits = limits
        self.uploadSize = uploadSize
    }

    /// Counts one more entry of any kind.
    mutating func countEntry(at location: EntryLocation) throws {
        entryCount += 1
        guard entryCount <= limits.maximumEntryCount else {
            throw UnpackError(
                .tooManyEntries,
                at: location,
                "is one entry too many: an upload may hold at most \(limits.maximumEntryCount) entries, "
                    + "nested archives included"
            )
        }
    }

    /// Counts `count` more bytes written.
    mutating func countBytes(_ count: Int, at location: EntryLocation) throws {
        totalBytes += Int64(count)
        try checkTotal(totalBytes, at: location)
        if totalBytes > limits.compressionRatioAllowance,
            totalBytes / max(limits.maximumOverallCompressionRatio, 1) > max(uploadSize, 1)
        {
            throw UnpackError(
                kind: .overallCompressionRatioTooHigh,
                entryPath: location.entryPath,
                enclosingArchives: location.enclosingArchives,
                message: "the upload expands to more than \(limits.maximumOverallCompressionRatio) times its own "
                    + "size (\(location.phrase) went past that), which looks like a decompression bomb"
            )
        }
    }

    /// Checks that `bytes` (written, declared, or expanded from one stream) fit the total limit.
    func checkTotal(_ bytes: Int64, at location: EntryLocation) throws {
        guard bytes <= limits.maximumTotalBytes else {
            throw UnpackError(
                .tooLarge,
                at: location,
                "takes the upload past the limit of \(Self.describe(limits.maximumTotalBytes)) unpacked"
            )
        }
    }

    /// Checks one entry's (or one gzip stream's) expansion: `expanded` bytes out of `compressed`.
    func checkRatio(expanded: Int64, compressed: Int64, at location: EntryLocation) throws {
        guard expanded > limits.compressionRatioAllowance,
            expanded / max(limits.maximumEntryCompressionRatio, 1) > max(compressed, 1)
        else {
            return
        }
        throw UnpackError(
            .entryCompressionRatioTooHigh,
            at: location,
            "expands to more than \(limits.maximumEntryCompressionRatio) times its compressed size, "
                + "which looks like a decompression bomb"
        )
    }

    /// "16 GiB", "1 MiB", "1000 bytes".
    static func describe(_ bytes: Int64) -> String {
        for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")]
        where bytes >= Int64(1) << shift && bytes % (Int64(1) << shift) == 0 {
            return "\(bytes >> shift) \(unit)"
        }
        return "\(bytes) bytes"
    }
}
