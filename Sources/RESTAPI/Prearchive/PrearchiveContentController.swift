import Foundation
import Hummingbird
import XNATImport

/// Browsing a built prearchive session the way xnatpy's `PrearchiveSession` does (`xnat-clients.md` §1.4, §2.4;
/// `xnat-import-spec.md` §4.6): its scans, each scan's resources and each resource's files, a file's bytes, and
/// zips of a scan or a resource. Every path is under `/data` and `/REST`:
///
/// ```
/// GET …/prearchive/projects/{P}/{TS}/{S}/scans       ID, xsiType, series_description, type, URI
/// GET …/scans/{id}                                   the scan's row; format=zip: its folder
/// GET …/scans/{id}/resources                         label, file_count, file_size, format, content, …
/// GET …/scans/{id}/resources/{label}/files           Name, Size, URI, digest; format=zip: the files
/// GET …/scans/{id}/resources/{label}/files/{name}    the file
/// ```
///
/// Everything comes from the session document (`<FOLDER>.xml`) and the catalogs it names: a session that is not
/// built answers 404, and a file is served only when its name is an entry of the resource's catalog (request paths
/// are never joined onto the folder). Only administrators see Unassigned sessions (§4.7).
struct PrearchiveContentController {
    let prearchive: PrearchiveService

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.service("/prearchive/projects/:project/:timestamp/:folder/scans") {
            router.get(RouterPath(base)) { request, context in try await scans(request, context) }
            router.get(RouterPath(base + "/:scan")) { request, context in try await scan(request, context) }
            router.get(RouterPath(base + "/:scan/resources")) { request, context in
                try await resources(request, context)
            }
            router.get(RouterPath(base + "/:scan/resources/:resource/files")) { request, context in
                try await files(request, context)
            }
            router.get(RouterPath(base + "/:scan/resources/:resource/files/:name")) { request, context in
                try await file(request, context)
            }
        }
    }

    // MARK: - Routes

    static let scanColumns = ["ID", "xsiType", "series_description", "type", "URI"]
    static let resourceColumns = [
        "label", "file_count", "file_size", "format", "content", "category", "cat_id", "URI",
    ]

    /// `GET …/scans`: one row per scan of the session document, in its order.
    private func scans(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let session = try await BrowsedSession(prearchive, context)
        let rows = session.document.scans.map { session.row(of: $0) }
        return ResultSet(title: "Scans", columns: Self.scanColumns, rows: rows)
            .response(format: ResultSetFormat(request: request))
    }

    /// `GET …/scans/{id}`: the scan's row, or with `format=zip` its folder as `<FOLDER>/SCANS/<id>/…`.
    private func scan(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let session = try await BrowsedSession(prearchive, context)
        let scan = try session.scan(named: context)
        if request.uri.queryParameters.get("format")?.lowercased() == "zip" {
            let folder = try session.scanFolder(scan)
            guard FileManager.default.fileExists(atPath: folder.path) else {
                throw ImportError(.notFound, "Scan \(scan.id) of \(session.key.url) has no files")
            }
            return ZipDownload.folderResponse(
                folder: folder,
                entryPrefix: [session.key.folderName, PrearchiveLayout.scansFolderName, scan.id].joined(separator: "/"),
                name: "\(session.key.folderName)_scan_\(scan.id)"
            )
        }
        return ResultSet(title: "Scans", columns: Self.scanColumns, rows: [session.row(of: scan)])
            .response(format: ResultSetFormat(request: request))
    }

    /// `GET …/scans/{id}/resources`: one row per resource of the scan, with its catalog's file count and size
    /// when the document does not record them.
    private func resources(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let session = try await BrowsedSession(prearchive, context)
        let scan = try session.scan(named: context)
        var rows: [[String]] = []
        for resource in scan.resources {
            let label = resource.label ?? ""
            var count = resource.fileCount
            var size = resource.fileSize
            if count == nil || size == nil, let listed = try? await session.listedFiles(of: resource) {
                count = count ?? listed.count
                size = size ?? listed.reduce(0) { $0 + $1.size }
            }
            rows.append([
                label, count.map(String.init) ?? "", size.map(String.init) ?? "", resource.format ?? "",
                resource.content ?? "", "scans", scan.id, session.resourceURI(scan, label),
            ])
        }
        return ResultSet(title: "Resources", columns: Self.resourceColumns, rows: rows)
            .response(format: ResultSetFormat(request: request))
    }

    /// `GET …/scans/{id}/resources/{label}/files`: the catalog's entries, or with `format=zip` their files named by
    /// their path in the session folder, `<FOLDER>/SCANS/<id>/<label>/<name>`.
    private func files(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let session = try await BrowsedSession(prearchive, context)
        let scan = try session.scan(named: context)
        let resource = try session.resource(of: scan, named: context)
        let label = resource.label ?? ""
        let listed = try await session.listedFiles(of: resource)
        if request.uri.queryParameters.get("format")?.lowercased() == "zip" {
            if let missing = listed.first(where: { !FileManager.default.isReadableFile(atPath: $0.url.path) }) {
                throw ImportError(
                    .notFound,
                    "The file \(missing.name) of scan \(scan.id) of \(session.key.url) is missing"
                )
            }
            return ZipDownload.filesResponse(
                listed.map { (session.key.folderName + "/" + $0.relativePath, $0.url) },
                name: "\(session.key.folderName)_scan_\(scan.id)_\(label)"
            )
        }
        let base = session.resourceURI(scan, label) + "/files/"
        let rows = listed.map { file in
            [file.name, String(file.size), base + Self.encoded(file.name), file.digest ?? ""]
        }
        return ResultSet(title: "Files", columns: ["Name", "Size", "URI", "digest"], rows: rows)
            .response(format: ResultSetFormat(request: request))
    }

    /// `GET …/scans/{id}/resources/{label}/files/{name}`: the file named by a catalog entry, streamed.
    private func file(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let session = try await BrowsedSession(prearchive, context)
        let scan = try session.scan(named: context)
        let resource = try session.resource(of: scan, named: context)
        let name = BrowsedSession.parameter("name", context)
        let listed = try await session.listedFiles(of: resource)
        guard let file = listed.first(where: { $0.name == name || $0.entryURI == name }) else {
            throw ImportError(
                .notFound,
                "No file \(name) in resource \(resource.label ?? "") of scan \(scan.id) of \(session.key.url)"
            )
        }
        guard FileManager.default.isReadableFile(atPath: file.url.path) else {
            throw ImportError(.notFound, "The file \(name) of scan \(scan.id) of \(session.key.url) is missing")
        }
        let body = try await FileIO().loadFile(path: file.url.path, context: context)
        var headers: HTTPFields = [.contentType: "application/octet-stream"]
        headers[.contentDisposition] = "attachment; filename=\"\(file.name.replacingOccurrences(of: "\"", with: ""))\""
        return Response(status: .ok, headers: headers, body: body)
    }

    /// A path segment percent-encoded for a URI.
    static func encoded(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }
}
