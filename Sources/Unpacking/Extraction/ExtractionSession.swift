/// One extraction in progress: its budget, its output tree, and what has been written and skipped so far.
///
/// Every file is streamed to a numbered file in a scratch folder, then either opened as a nested archive (when
/// its first bytes say zip, gzip or tar) and deleted, or flushed to disk and renamed to its unique name in the
/// tree. Both folders live in the staging folder that ``ArchiveExtractor`` deletes on any error.
final class ExtractionSession {
    private(set) var budget: ExtractionBudget
    /// The output tree.
    let tree: OutputTree
    private(set) var files: [ExtractedFile] = []
    private(set) var skipped: [SkippedEntry] = []
    private let scratchFolder: String
    private var scratchCount = 0

    init(limits: ExtractionLimits, uploadSize: Int64, tree: OutputTree, scratchFolder: String) {
        self.budget = ExtractionBudget(limits: limits, uploadSize: uploadSize)
        self.tree = tree
        self.scratchFolder = scratchFolder
    }

    var limits: ExtractionLimits {
        budget.limits
    }

    /// Unpacks the archive at `path`.
    func unpack(path: String, format: ArchiveFormat, site: ArchiveSite) throws {
        switch format {
        case .zip: try unpackZip(path: path, site: site)
        case .tar: try unpackTar(path: path, site: site)
        case .gzip: try unpackGzip(path: path, site: site)
        case .dicom, .unknown: preconditionFailure("only archives are unpacked")
        }
    }

    /// The tree folder for `site`'s entries: the root for the upload, else a folder named after the archive.
    func contentsFolder(of site: ArchiveSite, location: EntryLocation) throws -> [String] {
        if site.isUpload {
            return []
        }
        do {
            return try tree.claimFolder(in: site.parentFolder, named: site.stem)
        } catch let conflict as OutputTree.Conflict {
            throw conflictError(conflict, at: location)
        }
    }

    // MARK: - Entries

    /// Counts an entry and checks its name; returns its path when it is a file to write, `nil` when it is
    /// skipped (folders, links, devices, macOS metadata).
    func admit(
        _ name: String,
        kind: EntryKind,
        linkTarget: String? = nil,
        folder: [String],
        location: EntryLocation
    ) throws -> EntryPath? {
        try budget.countEntry(at: location)
        let path: EntryPath
        do {
            path = try EntryPath(validating: name)
        } catch .empty where kind == .folder {
            return nil  // "./", as `tar -C folder .` writes
        } catch .absolute where kind == .folder && name.split(separator: "/").allSatisfy({ $0 == "." }) {
            return nil  // "/", the root folder Python's tarfile writes for `add(folder, "")` (xnatpy's upload_dir)
        } catch {
            throw Self.unsafePathError(error, at: location)
        }
        let reason: SkippedEntry.Reason
        switch kind {
        case .folder: return nil
        case _ where path.isMacOSMetadata: reason = .macOSMetadata
        case .symbolicLink: reason = .symbolicLink
        case .hardLink: reason = .hardLink
        case .special: reason = .specialFile
        case .unsupported(let description): reason = .unsupportedType(description)
        case .file:
            let length = (folder + path.components).joined(separator: "/").utf8.count
            guard length <= limits.maximumPathLength else {
                throw UnpackError(
                    .pathTooLong,
                    at: location,
                    "has a path of \(length) bytes once unpacked; at most \(limits.maximumPathLength) are allowed"
                )
            }
            return path
        }
        skipped.append(
            SkippedEntry(
                entryPath: path.string,
                reason: reason,
                linkTarget: reason == .symbolicLink || reason == .hardLink
                    ? linkTarget.flatMap { $0.isEmpty ? nil : $0 } : nil,
                enclosingArchives: location.enclosingArchives
            )
        )
        return nil
    }

    /// Counts an entry that has no name of its own (the file in a single-file gzip).
    func countEntry(at location: EntryLocation) throws {
        try budget.countEntry(at: location)
    }

    /// Starts writing a file to scratch. `compressedSize`, when the archive gives one, enables the per-entry
    /// compression ratio check.
    func beginFile(_ path: EntryPath, location: EntryLocation, compressedSize: Int64?) throws -> PendingFile {
        scratchCount += 1
        let scratchPath = "\(scratchFolder)/\(scratchCount)"
        return PendingFile(
            path: path,
            location: location,
            scratchPath: scratchPath,
            file: try WritableFile(creating: scratchPath),
            compressedSize: compressedSize
        )
    }

    /// Writes the next bytes of a file, counting them against the limits first.
    func write(_ bytes: UnsafeRawBufferPointer, to file: PendingFile) throws {
        guard !bytes.isEmpty else {
            return
        }
        try budget.countBytes(bytes.count, at: file.location)
        file.size += Int64(bytes.count)
        if let compressedSize = file.compressedSize {
            try budget.checkRatio(expanded: file.size, compressed: compressedSize, at: file.location)
        }
        if file.prefix.count < NestedArchive.prefixLength {
            file.prefix += bytes.prefix(NestedArchive.prefixLength - file.prefix.count)
        }
        try file.file.write(bytes)
    }

    /// Finishes a file of the archive at `site` whose entries go in `folder`: opens it as a nested archive, or
    /// places it in the tree under a unique name.
    func finishFile(_ file: PendingFile, folder: [String], site: ArchiveSite) throws {
        if limits.opensNestedArchives, let format = NestedArchive.format(of: file.prefix) {
            try file.file.close()
            try unpackNested(file, format: format, site: site.nested(at: file.path, in: folder))
            removeScratch(file.scratchPath)
            return
        }
        try file.file.synchronizeAndClose()
        let parent = folder + file.path.parentComponents
        do {
            try tree.makeFolders(parent)
        } catch let conflict as OutputTree.Conflict {
            throw conflictError(conflict, at: file.location)
        }
        let final = tree.claimFile(in: parent, named: file.path.lastComponent)
        try renameItem(from: file.scratchPath, to: tree.path(of: final))
        files.append(
            ExtractedFile(
                path: final.joined(separator: "/"),
                size: file.size,
                entryPath: file.path.string,
                enclosingArchives: site.enclosingArchives
            )
        )
    }

    private func unpackNested(_ file: PendingFile, format: ArchiveFormat, site: ArchiveSite) throws {
        let maximum = limits.maximumNestingDepth
        guard site.level <= maximum else {
            let detail =
                maximum == 0
                ? "is itself an archive; archives inside the upload are not accepted"
                : "is an archive nested more than \(maximum) level\(maximum == 1 ? "" : "s") deep"
            throw UnpackError(.nestingTooDeep, at: file.location, detail)
        }
        do {
            try tree.makeFolders(site.parentFolder)
        } catch let conflict as OutputTree.Conflict {
            throw conflictError(conflict, at: file.location)
        }
        try unpack(path: file.scratchPath, format: format, site: site)
    }

    private func conflictError(_ conflict: OutputTree.Conflict, at location: EntryLocation) -> UnpackError {
        UnpackError(
            .pathConflict,
            at: location,
            "needs a folder named \(EntryLocation.quoted(conflict.path)), but an earlier entry is a file of that name"
        )
    }

    private static func unsafePathError(_ problem: EntryPath.Problem, at location: EntryLocation) -> UnpackError {
        let outside = "would be written outside the upload folder"
        return switch problem {
        case .empty: UnpackError(.unsafePath, at: location, "has an empty name")
        case .nul: UnpackError(.unsafePath, at: location, "has a NUL character in its name")
        case .backslash: UnpackError(.unsafePath, at: location, "has a backslash in its name; use '/' between folders")
        case .absolute: UnpackError(.unsafePath, at: location, "is an absolute path and \(outside)")
        case .driveLetter: UnpackError(.unsafePath, at: location, "starts with a drive letter and \(outside)")
        case .parentDirectory: UnpackError(.unsafePath, at: location, outside)
        case .componentTooLong:
            UnpackError(.pathTooLong, at: location, "has a name longer than \(EntryPath.maximumComponentLength) bytes")
        }
    }
}

/// A file being streamed to scratch.
final class PendingFile {
    let path: EntryPath
    let location: EntryLocation
    let scratchPath: String
    let file: WritableFile
    let compressedSize: Int64?
    /// Bytes written so far.
    var size: Int64 = 0
    /// The first ``NestedArchive/prefixLength`` bytes, to tell a nested archive.
    var prefix: [UInt8] = []

    init(path: EntryPath, location: EntryLocation, scratchPath: String, file: WritableFile, compressedSize: Int64?) {
        self.path = path
        self.location = location
        self.scratchPath = scratchPath
        self.file = file
        self.compressedSize = compressedSize
    }
}
