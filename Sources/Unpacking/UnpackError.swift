/// Why an upload could not be unpacked: the one error type of the `Unpacking` layer.
///
/// ``message`` is plain English that names the entry, fit for a 400 response body ("zip entry '../../etc/passwd'
/// would be written outside the upload folder"). It never contains a server path.
package struct UnpackError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, one case per rule so that callers can map each to a status code.
    package enum Kind: String, Sendable, CaseIterable {
        /// The upload is not a zip, tar or gzip file (told by its bytes).
        case notAnArchive
        /// An entry name is empty, absolute, climbs out with `..`, or holds a backslash, drive letter or NUL.
        case unsafePath
        /// An entry's path is longer than ``ExtractionLimits/maximumPathLength`` (or a name longer than 255 bytes).
        case pathTooLong
        /// An entry needs a folder where an earlier entry left a file of the same name.
        case pathConflict
        /// More entries than ``ExtractionLimits/maximumEntryCount``, nested archives included.
        case tooManyEntries
        /// More expanded bytes than ``ExtractionLimits/maximumTotalBytes``.
        case tooLarge
        /// One entry (or one gzip stream) expands more than ``ExtractionLimits/maximumEntryCompressionRatio``.
        case entryCompressionRatioTooHigh
        /// The whole upload expands more than ``ExtractionLimits/maximumOverallCompressionRatio``.
        case overallCompressionRatioTooHigh
        /// An archive inside the upload is nested deeper than ``ExtractionLimits/maximumNestingDepth``.
        case nestingTooDeep
        /// A zip entry is encrypted.
        case encryptedEntry
        /// A compression method or archive feature that Sluice does not read (bzip2, multi-part zips, …).
        case unsupported
        /// The archive ends before it should.
        case truncated
        /// The archive's bytes contradict themselves (bad checksum, CRC or sizes, malformed header).
        case corrupt
        /// Reading the upload or writing the unpacked files failed (disk full, permissions, …).
        case fileSystem
    }

    /// What went wrong.
    package var kind: Kind
    /// The entry concerned, as its archive names it; `nil` when the error is about a whole archive.
    package var entryPath: String?
    /// Entry paths of the nested archives the entry is in, outermost first; empty for the upload itself.
    package var enclosingArchives: [String]
    /// A plain-English sentence naming the entry, safe to send to the client.
    package var message: String
    /// The lower-level error, when there is one (a file-system error, for instance).
    package var underlying: (any Error & Sendable)?

    /// Creates an error; most code uses ``init(_:at:_:underlying:)`` instead.
    package init(
        kind: Kind,
        entryPath: String?,
        enclosingArchives: [String] = [],
        message: String,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.kind = kind
        self.entryPath = entryPath
        self.enclosingArchives = enclosingArchives
        self.message = message
        self.underlying = underlying
    }

    /// Creates an error whose message is the location's phrase followed by `detail`
    /// ("zip entry 'a/b.dcm'" + "is encrypted; …").
    init(_ kind: Kind, at location: EntryLocation, _ detail: String, underlying: (any Error & Sendable)? = nil) {
        self.init(
            kind: kind,
            entryPath: location.entryPath,
            enclosingArchives: location.enclosingArchives,
            message: "\(location.phrase) \(detail)",
            underlying: underlying
        )
    }

    /// The ``message``.
    package var description: String { message }
}
