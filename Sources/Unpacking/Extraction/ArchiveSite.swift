/// Where an archive sits in the upload, and so where its contents go: the upload itself, or an archive found
/// inside it.
struct ArchiveSite {
    /// Entry paths of the archives around this one and this one, outermost first; empty for the upload.
    var enclosingArchives: [String]
    /// 0 for the upload, 1 for an archive inside it, and so on.
    var level: Int
    /// The tree folder that held the archive's entry.
    var parentFolder: [String]
    /// The archive's name without its archive extension: the name of the folder its contents go in (or of the
    /// file a single-file gzip holds).
    var stem: String

    /// Whether this is the upload, whose contents go straight into the destination.
    var isUpload: Bool {
        level == 0
    }

    /// The upload, staged as a file named `name`.
    static func upload(named name: String) -> ArchiveSite {
        let stem = stem(of: name)
        let usable = (try? EntryPath(validating: stem)).map { $0.components.count == 1 } ?? false
        return ArchiveSite(enclosingArchives: [], level: 0, parentFolder: [], stem: usable ? stem : "upload")
    }

    /// The archive found in entry `path` of this archive, whose entries went into `folder`.
    func nested(at path: EntryPath, in folder: [String]) -> ArchiveSite {
        ArchiveSite(
            enclosingArchives: enclosingArchives + [path.string],
            level: level + 1,
            parentFolder: folder + path.parentComponents,
            stem: Self.stem(of: path.lastComponent)
        )
    }

    /// Where errors about this archive (in `format`) point.
    func location(_ format: ArchiveFormat) -> EntryLocation {
        EntryLocation(format: format, enclosingArchives: enclosingArchives)
    }

    /// `name` without a (case-insensitive) archive extension: `.tar.gz`, `.tgz`, `.tar`, `.zip`, `.gz`, …
    static func stem(of name: String) -> String {
        for suffix in [".tar.gz", ".tgz", ".tar", ".zip", ".gzip", ".gz", ".xar", ".zar"]
        where name.count > suffix.count && name.suffix(suffix.count).lowercased() == suffix {
            let stem = String(name.dropLast(suffix.count))
            return stem == "." || stem == ".." ? name : stem
        }
        return name
    }
}
