extension ExtractionSession {
    /// Unpacks the zip at `path`: walks its central directory in order and streams each file entry out.
    func unpackZip(path: String, site: ArchiveSite) throws {
        let location = site.location(.zip)
        let file = try ReadableFile(path: path)
        let directory = try ZipCentralDirectory(file: file, location: location)
        if Int64(budget.entryCount) + directory.entryCount > Int64(limits.maximumEntryCount) {
            throw UnpackError(
                .tooManyEntries,
                at: location,
                "lists \(directory.entryCount) entries, more than the \(limits.maximumEntryCount) an upload may "
                    + "hold (nested archives included)"
            )
        }
        let folder = try contentsFolder(of: site, location: location)
        var offset = directory.offset
        let end = directory.offset + directory.size
        for _ in 0..<directory.entryCount {
            let record = try ZipEntryRecord(file: file, at: offset, end: end, location: location)
            offset = record.nextOffset
            try unpackZipEntry(record, from: file, folder: folder, site: site, location: location.entry(record.name))
        }
    }

    private func unpackZipEntry(
        _ record: ZipEntryRecord,
        from file: ReadableFile,
        folder: [String],
        site: ArchiveSite,
        location: EntryLocation
    ) throws {
        guard let path = try admit(record.name, kind: record.kind, folder: folder, location: location) else {
            return
        }
        guard !record.isEncrypted else {
            throw UnpackError(.encryptedEntry, at: location, "is encrypted; encrypted zip entries are not accepted")
        }
        guard record.method == 0 || record.method == 8 else {
            throw ZipEntryReader.unsupportedMethod(record.method, at: location)
        }
        // The declared sizes are checked first only so that a bomb fails before anything is written; the bytes
        // actually produced are counted again as they are written.
        try budget.checkTotal(budget.totalBytes + record.uncompressedSize, at: location)
        try budget.checkRatio(expanded: record.uncompressedSize, compressed: record.compressedSize, at: location)
        let pending = try beginFile(path, location: location, compressedSize: record.compressedSize)
        try ZipEntryReader.read(record, from: file, location: location) { bytes in
            try write(bytes, to: pending)
        }
        try finishFile(pending, folder: folder, site: site)
    }
}
