import Foundation

/// Lists what is inside folders for verification and recovery; links are never followed. Blocking IO.
enum FolderWalk {
    /// The prefix of every name Sluice gives its own temporary files and folders (``AtomicFile/temporaryPrefix``,
    /// the unpacker's scratch folders); user paths may not use it (`ResourcePath`), so such a name is always ours.
    static let temporaryPrefix = ".sluice-"

    /// The names in the folder at `url`, sorted; empty when it is not a folder or cannot be read.
    static func entries(of url: URL) -> [String] {
        (try? SessionFolderReader.entries(of: url.path)) ?? []
    }

    /// What is at `url`, links not followed.
    static func kind(of url: URL) -> SessionFolderReader.EntryKind {
        SessionFolderReader.kind(of: url.path)
    }

    /// The paths, relative to `folder`, of everything under it that is not a folder (files, links, others),
    /// in sorted order.
    static func files(under folder: URL) -> [String] {
        var paths: [String] = []
        collect(folder, prefix: "", into: &paths)
        return paths
    }

    private static func collect(_ folder: URL, prefix: String, into paths: inout [String]) {
        for name in entries(of: folder) {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            if kind(of: url) == .folder {
                collect(url, prefix: prefix + name + "/", into: &paths)
            } else {
                paths.append(prefix + name)
            }
        }
    }

    /// Whether a folder holds no file at any depth (empty folders only).
    static func holdsNoFiles(_ folder: URL) -> Bool {
        files(under: folder).isEmpty
    }
}

/// A file's device and inode numbers: two paths with the same identity are hard links to one file.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    /// The identity of the file at `url` (links not followed); `nil` when it cannot be read.
    init?(of url: URL) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let device = Self.number(attributes[.systemNumber]),
            let inode = Self.number(attributes[.systemFileNumber])
        else { return nil }
        self.device = device
        self.inode = inode
    }

    private static func number(_ value: Any?) -> UInt64? {
        switch value {
        case let value as UInt64: value
        case let value as Int: UInt64(bitPattern: Int64(value))
        case let value as UInt: UInt64(value)
        case let value as Int64: UInt64(bitPattern: value)
        case let value as NSNumber: value.uint64Value
        default: nil
        }
    }
}
