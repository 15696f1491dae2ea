import Foundation
import Hummingbird
import XNATImport

/// An experiment's scans, their resources, the resources' files and the files' bytes
/// (`xnat-clients.md` §1.4, §2.5).
extension ArchiveReadController {
    func addScanRoutes(to router: Router<AppRequestContext>, experimentPath: String) {
        let scans = experimentPath + "/scans"
        router.get(RouterPath(scans)) { request, context in try await listScans(request, context) }
        let resources = scans + "/:scan/resources"
        router.get(RouterPath(resources)) { request, context in try await listResources(request, context) }
        let files = resources + "/:resource/files"
        router.get(RouterPath(files)) { request, context in try await listFiles(request, context) }
        router.get(RouterPath(files + "/**")) { _, context in try await download(context) }
        router.get(RouterPath(scans + "/:scan/files")) { request, context in
            try await downloadScan(request, context)
        }
    }

    /// `GET …/scans/{id}/files?format=zip` (xnatpy's scan download): every catalogued file of the scan, entries
    /// named `<label>/scans/<id>/resources/<resource>/files/<name>` as XNAT names them.
    private func downloadScan(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        guard request.uri.queryParameters.get("format")?.lowercased() == "zip" else {
            throw ImportError(.notFound, "Use format=zip to download a scan's files")
        }
        let experiment = try await findExperiment(context)
        let scan = try findScan(context, in: try sessionDocument(experiment))
        let folder = try sessionFolder(experiment)
        var files: [(String, URL)] = []
        for resource in scan.resources {
            guard let (url, catalog) = catalog(of: resource, in: folder) else { continue }
            files += zipEntries(catalog, catalogURL: url, folder: folder, experiment: experiment, scan: scan, resource: resource)
        }
        return ZipDownload.filesResponse(files, name: "\(experiment.label)_scan_\(scan.id)")
    }

    /// `(entry name, file)` for a catalog's files that lie inside the session folder.
    private func zipEntries(
        _ catalog: CatalogDocument,
        catalogURL: URL,
        folder: URL,
        experiment: ArchivedExperiment,
        scan: SessionDocument.Scan,
        resource: SessionDocument.Resource
    ) -> [(String, URL)] {
        let prefix = "\(experiment.label)/scans/\(scan.id)/resources/\(resource.label ?? "resource")/files"
        return catalog.entries.compactMap { entry in
            Self.contained(entry.uri, base: catalogURL.deletingLastPathComponent(), in: folder).map {
                (prefix + "/" + entry.uri, $0)
            }
        }
    }

    /// `GET …/scans`: `ID, type, xsiType, series_description, quality, note, xnat_imagescandata_id, URI`.
    ///
    /// Sluice has no scan table, so `xnat_imagescandata_id` is `<experiment ID>_<scan ID>` (no client reads it).
    private func listScans(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let experiment = try await findExperiment(context)
        let document = try sessionDocument(experiment)
        let table = ResultSet(
            title: "Scans",
            columns: [
                "ID", "type", "xsiType", "series_description", "quality", "note", "xnat_imagescandata_id", "URI",
            ],
            rows: document.scans.map { scan in
                [
                    scan.id, scan.type ?? "", scan.dataType.rawValue, scan.seriesDescription ?? "", scan.quality ?? "",
                    scan.note ?? "", "\(experiment.id)_\(scan.id)",
                    "/data/experiments/\(experiment.id)/scans/\(Self.encoded(scan.id))",
                ]
            }
        )
        return table.response(format: ResultSetFormat(request: request))
    }

    /// `GET …/scans/{id}/resources`: XNAT's resource columns; `xnat_abstractresource_id` is the label, which
    /// addresses the resource as well (Sluice has no resource table), `category` is `scans` and `cat_id` the scan.
    private func listResources(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let experiment = try await findExperiment(context)
        let document = try sessionDocument(experiment)
        let scan = try findScan(context, in: document)
        let folder = try sessionFolder(experiment)
        let rows = scan.resources.map { resource -> [String] in
            var count = resource.fileCount.map(String.init)
            var size = resource.fileSize.map(String.init)
            if count == nil || size == nil, let entries = catalog(of: resource, in: folder)?.catalog.entries {
                count = count ?? String(entries.count)
                size = size ?? String(entries.reduce(Int64(0)) { $0 + ($1.sizeInBytes ?? 0) })
            }
            let label = resource.label ?? ""
            return [
                label, label, resource.kind.rawValue, "scans", scan.id, scan.seriesDescription ?? "",
                resource.format ?? "", resource.content ?? "", "", count ?? "", size ?? "",
            ]
        }
        let table = ResultSet(
            title: "Resources",
            columns: [
                "xnat_abstractresource_id", "label", "element_name", "category", "cat_id", "cat_desc", "format",
                "content", "tags", "file_count", "file_size",
            ],
            rows: rows
        )
        return table.response(format: ResultSetFormat(request: request))
    }

    /// `GET …/resources/{label}/files`: one row per catalog entry, with a `URI` under `…/files/` that
    /// ``download(_:)`` answers.
    private func listFiles(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (experiment, scan, resource, url, catalog) = try await findCatalog(context)
        if request.uri.queryParameters.get("format")?.lowercased() == "zip" {
            let files = zipEntries(
                catalog,
                catalogURL: url,
                folder: try sessionFolder(experiment),
                experiment: experiment,
                scan: scan,
                resource: resource
            )
            return ZipDownload.filesResponse(files, name: "\(experiment.label)_\(scan.id)_\(resource.label ?? "files")")
        }
        let label = resource.label ?? ""
        let base = "/data/experiments/\(experiment.id)/scans/\(Self.encoded(scan.id))/resources/\(Self.encoded(label))"
        let catalogFolder = url.deletingLastPathComponent()
        let folder = try sessionFolder(experiment)
        let rows = catalog.entries.map { entry -> [String] in
            var size = entry.sizeInBytes
            if size == nil, let file = Self.contained(entry.uri, base: catalogFolder, in: folder) {
                size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value
            }
            let path = entry.uri.split(separator: "/").map { Self.encoded(String($0)) }.joined(separator: "/")
            return [
                Self.fileName(entry), base + "/files/" + path, size.map(String.init) ?? "", entry.digest ?? "", label,
                "", entry.format ?? "", entry.content ?? "", catalog.id ?? "",
            ]
        }
        let table = ResultSet(
            title: "Files",
            columns: [
                "Name", "URI", "Size", "digest", "collection", "file_tags", "file_format", "file_content", "cat_ID",
            ],
            rows: rows
        )
        return table.response(format: ResultSetFormat(request: request))
    }

    /// `GET …/resources/{label}/files/{name}`: the bytes of the catalog entry whose relative path (or file name)
    /// is `name`, streamed from disk. The path on disk comes from the catalog entry, never from the request, and
    /// must lie inside the session folder.
    private func download(_ context: AppRequestContext) async throws -> Response {
        let (experiment, _, _, url, catalog) = try await findCatalog(context)
        let raw = context.parameters.getCatchAll().joined(separator: "/")
        let name = raw.removingPercentEncoding ?? raw
        let entry =
            catalog.entries.first { $0.uri == name } ?? catalog.entries.first { Self.fileName($0) == name }
        guard let entry,
            let file = Self.contained(
                entry.uri,
                base: url.deletingLastPathComponent(),
                in: try sessionFolder(experiment)
            ),
            FileManager.default.fileExists(atPath: file.path)
        else {
            throw ImportError(.notFound, "File \(name) not found")
        }
        let body = try await FileIO().loadFile(path: file.path, context: context)
        var headers: HTTPFields = [.contentType: "application/octet-stream"]
        headers[.contentDisposition] =
            "attachment; filename=\"\(Self.fileName(entry).replacingOccurrences(of: "\"", with: ""))\""
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The experiment, scan and resource a files path names, with the resource's catalog; 404 if any is unknown.
    private func findCatalog(
        _ context: AppRequestContext
    ) async throws -> (ArchivedExperiment, SessionDocument.Scan, SessionDocument.Resource, URL, CatalogDocument) {
        _ = try context.requireUser()
        let experiment = try await findExperiment(context)
        let scan = try findScan(context, in: try sessionDocument(experiment))
        let resource = try findResource(context, of: scan)
        guard let (url, catalog) = catalog(of: resource, in: try sessionFolder(experiment)) else {
            throw ImportError(.notFound, "Resource \(resource.label ?? "") has no catalog")
        }
        return (experiment, scan, resource, url, catalog)
    }

    /// The entry's file name: the last component of its relative URI.
    static func fileName(_ entry: CatalogDocument.Entry) -> String {
        entry.uri.split(separator: "/").last.map(String.init) ?? entry.uri
    }

    /// `text` percent-encoded for one URL path segment.
    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%;")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
