/// A DICOM file (or raw data set) as read: file meta group, data set, and how it was read.
package struct DICOMFile: Sendable {
    /// The group 0002 elements; empty for a raw data set without file meta.
    package var fileMeta: DataSet
    package var dataSet: DataSet
    /// The transfer syntax the data set was read with.
    package var transferSyntax: TransferSyntax
    package var hasPreamble: Bool
    /// The tag before which reading stopped (`ParseOptions.stopBefore`), if it did.
    package var stoppedAt: Tag?
    /// Where the element ``stoppedAt`` starts, in the data set's stream (the file's bytes unless it is deflated).
    package var stoppedAtOffset: Int?
    /// What lenient mode worked around.
    package var repairs: [ParseRepair]

    package init(
        fileMeta: DataSet, dataSet: DataSet, transferSyntax: TransferSyntax, hasPreamble: Bool,
        stoppedAt: Tag? = nil, repairs: [ParseRepair] = []
    ) {
        self.fileMeta = fileMeta
        self.dataSet = dataSet
        self.transferSyntax = transferSyntax
        self.hasPreamble = hasPreamble
        self.stoppedAt = stoppedAt
        self.repairs = repairs
    }

    /// Reads a whole file held in memory.
    package static func read(_ bytes: some Collection<UInt8>, options: ParseOptions = ParseOptions())
        throws(DICOMParseError) -> DICOMFile
    {
        var reader = DICOMFileReader(options: options)
        reader.append(bytes)
        reader.finishInput()
        guard let file = try reader.read() else {
            throw DICOMParseError(.truncated, offset: 0, "stream ended before the data set")
        }
        return file
    }
}

/// Reads a `DICOMFile` from bytes fed in pieces: `Part10Reader` plus `DataSetBuilder`.
///
/// Feed with `append(_:)` until `read()` returns a file (it returns `nil` while it needs more input); call
/// `finishInput()` at the end of the stream. With `ParseOptions.stopBefore` set, `read()` returns as soon as
/// that tag is reached, so a header read consumes only the header's bytes.
package struct DICOMFileReader: Sendable {
    private var reader: Part10Reader
    private var builder = DataSetBuilder()

    package init(options: ParseOptions = ParseOptions()) {
        reader = Part10Reader(options: options)
    }

    package mutating func append(_ bytes: some Collection<UInt8>) {
        reader.append(bytes)
    }

    package mutating func finishInput() {
        reader.finishInput()
    }

    /// The file once complete (or stopped), else `nil`: more input is needed.
    package mutating func read() throws(DICOMParseError) -> DICOMFile? {
        while let token = try reader.next() {
            builder.consume(token)
        }
        guard reader.isFinished || reader.stoppedAt != nil else { return nil }
        var repairs = reader.repairs
        for duplicate in builder.duplicates {
            let repair = ParseRepair(offset: duplicate.offset, tag: duplicate.tag, message: "element appears twice; the later value is kept")
            if reader.options.mode == .strict {
                throw DICOMParseError(.elementOrder, offset: duplicate.offset, tag: duplicate.tag, repair.message)
            }
            repairs.append(repair)
        }
        var file = DICOMFile(
            fileMeta: builder.fileMeta, dataSet: builder.dataSet,
            transferSyntax: reader.transferSyntax ?? .implicitVRLittleEndian, hasPreamble: reader.hasPreamble,
            stoppedAt: reader.stoppedAt, repairs: repairs)
        file.stoppedAtOffset = reader.stoppedAtOffset
        return file
    }
}
