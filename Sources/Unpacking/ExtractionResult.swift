/// What ``ArchiveExtractor`` unpacked: the files written and the entries it left out on purpose.
package struct ExtractionResult: Sendable, Equatable {
    /// The format of the upload, told from its bytes.
    package var format: ArchiveFormat
    /// Every file written, in the order the archives list them.
    package var files: [ExtractedFile]
    /// Entries that were not written (links, devices, macOS metadata, …), in archive order.
    package var skipped: [SkippedEntry]

    /// Creates a result.
    package init(format: ArchiveFormat, files: [ExtractedFile], skipped: [SkippedEntry]) {
        self.format = format
        self.files = files
        self.skipped = skipped
    }
}

/// One file written by ``ArchiveExtractor``.
package struct ExtractedFile: Sendable, Equatable {
    /// Where the file is, relative to the destination folder, with `/` between names. It differs from
    /// ``entryPath`` when the name was taken (a `_1`, `_2`, … suffix) or the file came out of a nested archive.
    package var path: String
    /// Its size in bytes.
    package var size: Int64
    /// The entry's normalised name inside the archive it came from.
    package var entryPath: String
    /// Entry paths of the nested archives it came out of, outermost first; empty for a file directly in the
    /// upload.
    package var enclosingArchives: [String]

    /// Creates a description of an extracted file.
    package init(path: String, size: Int64, entryPath: String, enclosingArchives: [String]) {
        self.path = path
        self.size = size
        self.entryPath = entryPath
        self.enclosingArchives = enclosingArchives
    }
}

/// An archive entry that ``ArchiveExtractor`` read past without writing anything.
package struct SkippedEntry: Sendable, Equatable {
    /// Why an entry was left out.
    package enum Reason: Sendable, Equatable {
        /// A symbolic link; links are never created or followed.
        case symbolicLink
        /// A tar hard link.
        case hardLink
        /// A device, FIFO or socket.
        case specialFile
        /// macOS Finder metadata: anything under `__MACOSX/`, AppleDouble `._*` files and `.DS_Store`.
        case macOSMetadata
        /// A tar entry type Sluice does not unpack (sparse file, volume label, …), with a short description.
        case unsupportedType(String)
    }

    /// The entry's normalised name inside its archive.
    package var entryPath: String
    /// Why it was skipped.
    package var reason: Reason
    /// A link's target as the archive gives it (tar only); never used to create anything.
    package var linkTarget: String?
    /// Entry paths of the nested archives it is in, outermost first.
    package var enclosingArchives: [String]

    /// Creates a description of a skipped entry.
    package init(entryPath: String, reason: Reason, linkTarget: String? = nil, enclosingArchives: [String] = []) {
        self.entryPath = entryPath
        self.reason = reason
        self.linkTarget = linkTarget
        self.enclosingArchives = enclosingArchives
    }
}
