import Foundation
import Hummingbird
import Unpacking
import XNATImport

/// A visible, built prearchive session opened for browsing: its key, folder and parsed session document.
struct BrowsedSession {
    let key: PrearchiveSessionKey
    let folder: URL
    let document: SessionDocument
    let layout: PrearchiveLayout

    /// The session the route's `:project/:timestamp/:folder` names; 403 for Unassigned unless `user` is an
    /// administrator, 404 when it does not exist or has no session document.
    init(_ prearchive: PrearchiveService, _ context: AppRequestContext) async throws {
        let user = try context.requireUser()
        let key = try PrearchiveSessionKey(pathOf: context)
        guard key.project != nil || user.isAdministrator else {
            throw ImportError(.notPermitted, "Only administrators may open Unassigned prearchive sessions")
        }
        let bytes = try await prearchive.documentBytes(key)
        do {
            document = try SessionDocument(xml: bytes)
        } catch {
            throw ImportError(.serverFailure, "The session document of \(key.url) cannot be read: \(error)")
        }
        self.key = key
        layout = prearchive.layout
        folder = prearchive.layout.sessionFolder(of: key)
    }

    /// The route parameter `name`, percent-decoded.
    static func parameter(_ name: String, _ context: AppRequestContext) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// `/data/prearchive/projects/P/TS/F/scans/<id>`.
    func scanURI(_ scan: SessionDocument.Scan) -> String {
        "/data\(key.url)/scans/\(PrearchiveContentController.encoded(scan.id))"
    }

    /// `/data/prearchive/projects/P/TS/F/scans/<id>/resources/<label>`.
    func resourceURI(_ scan: SessionDocument.Scan, _ label: String) -> String {
        scanURI(scan) + "/resources/" + PrearchiveContentController.encoded(label)
    }

    /// The scan's row: `ID`, `xsiType`, `series_description`, `type`, `URI`.
    func row(of scan: SessionDocument.Scan) -> [String] {
        [scan.id, scan.dataType.rawValue, scan.seriesDescription ?? "", scan.type ?? "", scanURI(scan)]
    }

    /// The scan the route's `:scan` names; 404 when the document has none with that ID.
    func scan(named context: AppRequestContext) throws -> SessionDocument.Scan {
        let id = Self.parameter("scan", context)
        guard let scan = document.scans.first(where: { $0.id == id }) else {
            throw ImportError(.notFound, "No scan \(id) in prearchive session \(key.url)")
        }
        return scan
    }

    /// The resource of `scan` the route's `:resource` label names; 404 when the scan has none with that label.
    func resource(of scan: SessionDocument.Scan, named context: AppRequestContext) throws -> SessionDocument.Resource {
        let label = Self.parameter("resource", context)
        guard let resource = scan.resources.first(where: { ($0.label ?? "") == label }) else {
            throw ImportError(.notFound, "No resource \(label) in scan \(scan.id) of prearchive session \(key.url)")
        }
        return resource
    }

    /// `<session folder>/SCANS/<id>/`; 404 for a scan ID that cannot be a folder name.
    func scanFolder(_ scan: SessionDocument.Scan) throws -> URL {
        do {
            return try layout.scanFolder(of: key, scanID: scan.id)
        } catch {
            throw ImportError(.notFound, "No files for scan \(scan.id) of prearchive session \(key.url)")
        }
    }

    /// The files the resource's catalog lists, in catalog order, each resolved inside the session folder; entries
    /// whose path would leave the session folder are left out. 404 when the catalog is missing or unreadable.
    func listedFiles(of resource: SessionDocument.Resource) async throws -> [ListedFile] {
        let unreadable = ImportError(
            .notFound,
            "The catalog of resource \(resource.label ?? "") of prearchive session \(key.url) is not available"
        )
        guard let catalogURL = inside(folder, resource.uri) else { throw unreadable }
        let session = folder
        let rootCount = folder.standardizedFileURL.pathComponents.count
        let listed: [ListedFile]? = try? await BlockingWork.run {
            let catalog = try CatalogDocument(xml: Data(contentsOf: catalogURL))
            let base = catalogURL.deletingLastPathComponent()
            return catalog.entries.compactMap { entry -> ListedFile? in
                guard let url = Self.inside(session, relative: entry.uri, from: base) else { return nil }
                let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
                let size = entry.sizeInBytes ?? (attributes?[.size] as? NSNumber)?.int64Value ?? 0
                let name = entry.name ?? (entry.uri.split(separator: "/").last.map(String.init) ?? entry.uri)
                let relativePath = url.pathComponents.dropFirst(rootCount).joined(separator: "/")
                return ListedFile(
                    name: name,
                    entryURI: entry.uri,
                    url: url,
                    relativePath: relativePath,
                    size: size,
                    digest: entry.digest
                )
            }
        }
        guard let listed else { throw unreadable }
        return listed
    }

    /// `relative` resolved against the session folder, or `nil` when it is absolute or leaves the folder.
    private func inside(_ root: URL, _ relative: String) -> URL? {
        Self.inside(root, relative: relative, from: root)
    }

    private static func inside(_ root: URL, relative: String, from base: URL) -> URL? {
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.contains("\0") else { return nil }
        let url = base.appendingPathComponent(relative, isDirectory: false).standardizedFileURL
        let rootParts = root.standardizedFileURL.pathComponents
        let parts = url.pathComponents
        guard parts.count > rootParts.count, Array(parts.prefix(rootParts.count)) == rootParts else { return nil }
        return url
    }
}

/// One file of a resource catalog.
struct ListedFile: Sendable {
    /// The name clients see and ask for: the entry's `name`, else the last component of its URI.
    let name: String
    /// The entry's `URI`, relative to the catalog's folder.
    let entryURI: String
    /// Where the file is.
    let url: URL
    /// Its path relative to the session folder, `SCANS/4/DICOM/1.dcm`.
    let relativePath: String
    /// Its size in bytes: the catalog's `size_in_bytes`, else the file's.
    let size: Int64
    /// The catalog's MD5, if it has one.
    let digest: String?
}

/// Zip downloads of a scan folder or a resource's files, streamed (stored entries, ``ZipWriter``).
enum ZipDownload {
    static let chunkSize = 1 << 20

    /// A folder as a zip, entries named `<entryPrefix>/<path in folder>`.
    static func folderResponse(folder: URL, entryPrefix: String, name: String) -> Response {
        let stream = FolderZipStream(folder: folder, entryPrefix: entryPrefix)
        return Response(
            status: .ok,
            headers: headers(name),
            body: ResponseBody { writer in
                try await stream.write { bytes in try await writer.write(ByteBuffer(bytes: bytes)) }
                try await writer.finish(nil)
            }
        )
    }

    /// The files as a zip, each `(entry name, file)`, read one chunk at a time.
    static func filesResponse(_ files: [(String, URL)], name: String) -> Response {
        Response(
            status: .ok,
            headers: headers(name),
            body: ResponseBody { writer in
                var zip = ZipWriter()
                for (entry, url) in files {
                    let handle = try FileHandle(forReadingFrom: url)
                    defer { try? handle.close() }
                    let date = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate]
                    try await writer.write(
                        ByteBuffer(bytes: try zip.beginEntry(path: entry, modificationDate: date as? Date))
                    )
                    while true {
                        try Task.checkCancellation()
                        let chunk = try handle.read(upToCount: chunkSize) ?? Data()
                        if chunk.isEmpty { break }
                        zip.entryData(chunk)
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                    try await writer.write(ByteBuffer(bytes: zip.endEntry()))
                }
                try await writer.write(ByteBuffer(bytes: zip.finish()))
                try await writer.finish(nil)
            }
        )
    }

    private static func headers(_ name: String) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/zip"]
        headers[.contentDisposition] = "attachment; filename=\"\(name).zip\""
        return headers
    }
}
