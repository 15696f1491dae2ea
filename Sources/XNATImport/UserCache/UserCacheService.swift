import Foundation

/// Each user's upload cache (`xnat-import-spec.md` §10): `<data>/cache/USERS/<login>/<resource>/<path>`, filled by
/// `PUT /data/user/cache/resources/{X}/files/{path}` and read back by imports with
/// `src=/user/cache/resources/{X}/files/{path}`. A user sees only their own cache.
///
/// XNAT keys the folder by the numeric user ID; Sluice by the login, which it validates as one path component.
/// Files are written to staging, then renamed into place; an existing file is replaced.
package struct UserCacheService: Sendable {
    /// `<data>/cache/USERS/`.
    package let root: URL

    /// A cache under `cacheFolder` (the data directory's `cache/`).
    package init(cacheFolder: URL) {
        root = cacheFolder.appendingPathComponent("USERS", isDirectory: true).standardizedFileURL
    }

    /// The user's cache folder.
    func userFolder(_ user: User) throws(ImportError) -> URL {
        guard let login = try? PrearchivePathComponent.validated(user.login, role: .folder), !login.hasPrefix(".") else {
            throw ImportError(.invalidRequest, "The login \(user.login) cannot name a cache folder")
        }
        return root.appendingPathComponent(login, isDirectory: true)
    }

    /// The folder of cache resource `name`.
    func resourceFolder(_ user: User, _ name: String) throws(ImportError) -> URL {
        guard let name = try? PrearchivePathComponent.validated(name, role: .folder), !name.hasPrefix(".") else {
            throw ImportError(.invalidRequest, "Invalid cache resource name: \(name)")
        }
        return try userFolder(user).appendingPathComponent(name, isDirectory: true)
    }

    /// The user's resources, sorted.
    package func resources(of user: User) throws -> [String] {
        let folder = try userFolder(user)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// `PUT …/resources/{X}`: creates the resource folder; 412 if it exists, as XNAT answers.
    package func createResource(_ name: String, of user: User) throws {
        let folder = try resourceFolder(user, name)
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw ImportError(.preconditionFailed, "Cache resource \(name) already exists")
        }
        try AtomicFile.createFolder(folder)
    }

    /// The files of resource `name` with their sizes, paths relative to it, sorted; 404 if there is no such resource.
    package func files(of name: String, user: User) throws -> [(path: String, size: Int64)] {
        let folder = try resourceFolder(user, name)
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw ImportError(.notFound, "Cache resource \(name) not found")
        }
        return try ArchiveEditor.filesBelow(folder, includingCatalogs: true).map { path in
            let size = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[.size]
                as? NSNumber)?.int64Value ?? 0
            return (path, size)
        }
    }

    /// The cached file at `path` in resource `name`; 404 if there is none.
    package func file(_ path: ResourcePath, in name: String, user: User) throws -> URL {
        let url = try resourceFolder(user, name).appendingPathComponent(path.description, isDirectory: false)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ImportError(.notFound, "Unknown src file.")
        }
        return url
    }

    /// Stores the staged file at `path` in resource `name` (created if missing), replacing any file there; with
    /// `extract` the staged zip, tar or `.tar.gz` is unpacked into the folder of `path` instead. Answers the paths
    /// written. Blocking IO.
    package func store(
        _ staged: URL,
        at path: ResourcePath,
        in name: String,
        user: User,
        extract: Bool
    ) throws -> [String] {
        let folder = try resourceFolder(user, name)
        try AtomicFile.createFolder(folder)
        guard extract else {
            try AtomicFile.move(staged, to: folder.appendingPathComponent(path.description, isDirectory: false))
            return [path.description]
        }
        let unpacked = ArchiveEditor.extractionFolder(beside: staged)
        defer { try? FileManager.default.removeItem(at: unpacked) }
        let (uploads, _) = try ArchiveEditor.extract(staged, into: unpacked, below: path)
        for upload in uploads {
            try AtomicFile.move(upload.file, to: folder.appendingPathComponent(upload.path.description, isDirectory: false))
        }
        return uploads.map(\.path.description)
    }

    /// Deletes resource `name`, or one file of it; 404 if it is not there.
    package func delete(_ name: String, path: ResourcePath?, user: User) throws {
        var url = try resourceFolder(user, name)
        if let path { url = url.appendingPathComponent(path.description) }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ImportError(.notFound, "\(path.map { "File \($0)" } ?? "Cache resource \(name)") not found")
        }
        try FileManager.default.removeItem(at: url)
    }

    /// The cached file an import's `src` names: `/user/cache/resources/{X}/files/{path}` (a `/data` or `/REST`
    /// prefix is accepted too).
    ///
    /// - Throws: ``ImportError`` 400 "src uri is invalid." or 404 "Unknown src file." as XNAT answers.
    package func source(_ src: String, user: User) throws -> URL {
        var text = src
        for prefix in ["/data/", "/REST/"] where text.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count - 1)) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        guard parts.count >= 6, Array(parts[0..<3]) == ["user", "cache", "resources"], parts[4] == "files",
            let path = try? ResourcePath(parts[5...].joined(separator: "/"))
        else {
            throw ImportError(.invalidRequest, "src uri is invalid.")
        }
        return try file(path, in: parts[3], user: user)
    }
}
