#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder tree an upload is unpacked into, while it is still hidden in the staging folder: hands out
/// unique names, creates folders, and flushes them to disk at the end.
///
/// Duplicate names are kept, not overwritten: the second `a.dcm` in a folder becomes `a_1.dcm`, the third
/// `a_2.dcm`, the suffix going before the last extension (as XNAT's session importer names clashing files).
/// Entries are unpacked in archive order, so the names are deterministic.
final class OutputTree {
    /// A name needed as a folder is already a file.
    struct Conflict: Error {
        /// The file's path, relative to the tree.
        var path: String
    }

    private enum Node {
        case file, folder
    }

    /// The tree's root folder, which exists.
    let root: String
    private var nodes: [String: Node] = [:]
    private var nextSuffix: [String: Int] = [:]
    private var folders: [String] = []

    /// A tree rooted at `root`, an empty folder.
    init(root: String) {
        self.root = root
        folders.append(root)
    }

    /// The absolute path of `components`.
    func path(of components: [String]) -> String {
        ([root] + components).joined(separator: "/")
    }

    /// Creates the folders of `components` that do not exist yet.
    func makeFolders(_ components: [String]) throws {
        for depth in components.indices {
            let key = components[...depth].joined(separator: "/")
            switch nodes[key] {
            case .folder:
                continue
            case .file:
                throw Conflict(path: key)
            case nil:
                let path = path(of: Array(components[...depth]))
                try makeFolder(path)
                nodes[key] = .folder
                folders.append(path)
            }
        }
    }

    /// Claims a file name in `folder` (which exists): `name` if it is free, else `name` with the first free
    /// `_1`, `_2`, … suffix. Returns the claimed path.
    func claimFile(in folder: [String], named name: String) -> [String] {
        let components = folder + [freeName(in: folder, for: name) { $0 == nil }]
        nodes[components.joined(separator: "/")] = .file
        return components
    }

    /// Claims a folder for a nested archive's contents in `folder`: `name`, shared with an earlier folder of
    /// that name, or suffixed when a file has it. Creates it and returns its path.
    func claimFolder(in folder: [String], named name: String) throws -> [String] {
        let components = folder + [freeName(in: folder, for: name) { $0 != .file }]
        try makeFolders(components)
        return components
    }

    /// Flushes every folder of the tree to disk, so that the renames into them survive a power cut.
    func synchronizeFolders() throws {
        for folder in folders {
            try Self.synchronizeFolder(folder)
        }
    }

    /// Flushes one folder's entries to disk (`fsync` on the folder).
    static func synchronizeFolder(_ path: String) throws {
        let descriptor = retryingOnInterrupt { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            throw FileSystemFailure("save", path: path).unpackError
        }
        defer { close(descriptor) }
        guard retryingOnInterrupt({ fsync(descriptor) }) == 0 else {
            throw FileSystemFailure("save", path: path).unpackError
        }
    }

    private func freeName(in folder: [String], for name: String, isFree: (Node?) -> Bool) -> String {
        let key = (folder + [name]).joined(separator: "/")
        if isFree(nodes[key]) {
            return name
        }
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        var base = String(name[..<(dot ?? name.endIndex)])
        let pathExtension = String(name[(dot ?? name.endIndex)...])
        var suffix = nextSuffix[key] ?? 1
        while true {
            while base.utf8.count + pathExtension.utf8.count + 1 + String(suffix).utf8.count
                > EntryPath.maximumComponentLength, !base.isEmpty
            {
                base.removeLast()
            }
            let candidate = "\(base)_\(suffix)\(pathExtension)"
            suffix += 1
            if isFree(nodes[(folder + [candidate]).joined(separator: "/")]) {
                nextSuffix[key] = suffix
                return candidate
            }
        }
    }
}
