import Foundation
import Hummingbird
import XNATImport

/// Resources of a session or of a scan, their files, and the files' bytes (`xnat-clients.md` §1.4, §2.5):
/// `…/resources`, `…/resources/{R}` (`items` JSON for `format=json`, else the catalog XML, whose first line xnatpy
/// recognises), `…/resources/{R}/files` (listing, or a zip for `format=zip`) and `…/resources/{R}/files/{path}`.
extension ArchiveReadController {
    func addResourceRoutes(to router: Router<AppRequestContext>, ownerPath: String) {
        let resources = ownerPath + "/resources"
        router.get(RouterPath(resources)) { request, context in try await listResources(request, context) }
        router.get(RouterPath(resources + "/:resource")) { request, context in
            try await showResource(request, context)
        }
        let files = resources + "/:resource/files"
        router.get(RouterPath(files)) { request, context in try await listFiles(request, context) }
        router.get(RouterPath(files + "/**")) { _, context in try await download(context) }
        router.on(RouterPath(files + "/**"), method: .head) { _, context in try await describe(context) }
    }

    /// The owner the path names: a scan when it has `{scan}`, else the session.
    static func owner(_ context: AppRequestContext) -> ResourceOwner {
        context.parameters.get("scan") == nil ? .session : .scan(parameter("scan", context))
    }

    /// The `xnat_abstractresource_id` Sluice lists for a resource: a number derived from the experiment ID, the owner
    /// and the label (64-bit FNV-1a, 62 bits kept). It must be unique across the site, as XNAT's numeric IDs are —
    /// xnatpy caches resource objects by it alone — and plain digits, as pyxnat encodes the IDs it puts in URLs
    /// twice. Sluice has no resource table, so it is derived rather than stored.
    static func abstractResourceID(_ experiment: ArchivedExperiment, owner: ResourceOwner, label: String) -> String {
        var key = experiment.id + "\u{0}"
        if case .scan(let id) = owner { key += id }
        key += "\u{0}" + label
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return String(hash >> 2)
    }

    /// The `{resource}` parameter as a label: a label of the owner's resources, or the
    /// ``abstractResourceID(_:owner:label:)`` of one (a label that is all digits wins).
    static func resourceLabel(
        _ context: AppRequestContext,
        experiment: ArchivedExperiment,
        resources: [SessionDocument.Resource]
    ) -> String {
        let name = parameter("resource", context)
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !resources.contains(where: { $0.label == name }) else {
            return name
        }
        let owner = owner(context)
        return resources.compactMap(\.label).first { abstractResourceID(experiment, owner: owner, label: $0) == name } ?? name
    }

    /// `/data/experiments/{ID}[/scans/{id}]/resources`.
    static func resourcesURI(_ experiment: ArchivedExperiment, owner: ResourceOwner) -> String {
        switch owner {
        case .session: "/data/experiments/\(experiment.id)/resources"
        case .scan(let id): "/data/experiments/\(experiment.id)/scans/\(encoded(id))/resources"
        }
    }

    /// The resources of the path's owner, or 404 for an unknown scan.
    private func ownerResources(
        _ context: AppRequestContext
    ) async throws -> (ArchivedExperiment, ResourceOwner, [SessionDocument.Resource]) {
        _ = try context.requireUser()
        let experiment = try await findExperiment(context)
        let document = try sessionDocument(experiment)
        let owner = Self.owner(context)
        guard let resources = document.resources(of: owner) else {
            throw ImportError(.notFound, "Scan \(Self.parameter("scan", context)) not found")
        }
        return (experiment, owner, resources)
    }

    /// `GET …/resources`: XNAT's resource columns; `xnat_abstractresource_id` is ``abstractResourceID(_:owner:label:)``,
    /// which addresses the resource as well as its label does; `category` is `scans` (with the scan in `cat_id`) or
    /// `resources`. No `URI` column, as XNAT has none here: xnatpy would key the resources by it.
    private func listResources(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (experiment, owner, resources) = try await ownerResources(context)
        let folder = try sessionFolder(experiment)
        let document = try sessionDocument(experiment)
        let rows = resources.map { resource -> [String] in
            var count = resource.fileCount.map(String.init)
            var size = resource.fileSize.map(String.init)
            if count == nil || size == nil, let entries = catalog(of: resource, in: folder)?.catalog.entries {
                count = count ?? String(entries.count)
                size = size ?? String(entries.reduce(Int64(0)) { $0 + ($1.sizeInBytes ?? 0) })
            }
            let label = resource.label ?? ""
            var category = "resources"
            var catID = ""
            var description = resource.description ?? ""
            if case .scan(let id) = owner {
                category = "scans"
                catID = id
                description = document.scans.first { $0.id == id }?.seriesDescription ?? ""
            }
            return [
                Self.abstractResourceID(experiment, owner: owner, label: label), label, resource.kind.rawValue,
                category, catID, description, resource.format ?? "",
                resource.content ?? "", "", count ?? "", size ?? "",
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

    /// `GET …/resources/{R}`: `items` JSON (`format=json`) or the catalog XML.
    private func showResource(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (experiment, owner, resource, url, catalog) = try await findCatalog(context)
        if ResultSetFormat(request: request) == .json, request.uri.queryParameters.get("format") != nil {
            return ItemsDocument(items: [Self.item(resource, owner: owner, experiment: experiment)]).response()
        }
        _ = catalog
        let bytes = try Data(contentsOf: url)
        return Response(
            status: .ok,
            headers: [.contentType: "text/xml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    /// A resource's `items` entry, with the listing's fields.
    static func item(
        _ resource: SessionDocument.Resource,
        owner: ResourceOwner,
        experiment: ArchivedExperiment
    ) -> ItemsDocument.Item {
        ItemsDocument.Item(
            type: resource.kind.rawValue,
            fields: [
                ("xnat_abstractresource_id", abstractResourceID(experiment, owner: owner, label: resource.label ?? "")),
                ("label", resource.label), ("format", resource.format),
                ("content", resource.content), ("description", resource.description),
                ("file_count", resource.fileCount.map(String.init)), ("file_size", resource.fileSize.map(String.init)),
            ]
        )
    }

    /// `GET …/resources/{R}/files`: one row per catalog entry, with a `URI` under `…/files/` that
    /// ``download(_:)`` answers; `format=zip` downloads them.
    private func listFiles(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (experiment, owner, resource, url, catalog) = try await findCatalog(context)
        let label = resource.label ?? ""
        let folder = try sessionFolder(experiment)
        if request.uri.queryParameters.get("format")?.lowercased() == "zip" {
            var prefix = "\(experiment.label)/resources/\(label)/files"
            if case .scan(let id) = owner { prefix = "\(experiment.label)/scans/\(id)/resources/\(label)/files" }
            let files = zipEntries(catalog, catalogURL: url, folder: folder, prefix: prefix)
            var name = "\(experiment.label)_\(label)"
            if case .scan(let id) = owner { name = "\(experiment.label)_\(id)_\(label)" }
            return ZipDownload.filesResponse(files, name: name)
        }
        let base = Self.resourcesURI(experiment, owner: owner) + "/" + Self.encoded(label)
        let catalogFolder = url.deletingLastPathComponent()
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

    /// `GET …/resources/{R}/files/{path}`: the bytes of the catalog entry whose relative path (or file name) is
    /// `path`, streamed from disk.
    private func download(_ context: AppRequestContext) async throws -> Response {
        let (file, name) = try await findFile(context)
        let body = try await FileIO().loadFile(path: file.path, context: context)
        return Response(status: .ok, headers: Self.fileHeaders(name), body: body)
    }

    /// `HEAD …/resources/{R}/files/{path}`: the headers of the download, with its `Content-Length` (xnatpy's
    /// `FileData.size`).
    private func describe(_ context: AppRequestContext) async throws -> Response {
        let (file, name) = try await findFile(context)
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? 0
        var headers = Self.fileHeaders(name)
        headers[.contentLength] = String(size)
        return Response(status: .ok, headers: headers)
    }

    private static func fileHeaders(_ name: String) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/octet-stream"]
        headers[.contentDisposition] = "attachment; filename=\"\(name.replacingOccurrences(of: "\"", with: ""))\""
        return headers
    }

    /// The file a files path names: the catalog entry whose relative path (or file name) it is. The path on disk
    /// comes from the catalog entry, never from the request, and must lie inside the session folder.
    private func findFile(_ context: AppRequestContext) async throws -> (URL, String) {
        let (experiment, _, _, url, catalog) = try await findCatalog(context)
        let name = Self.filePath(context)
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
        return (file, Self.fileName(entry))
    }

    /// The experiment, owner and resource a path names, with the resource's catalog; 404 if any is unknown.
    private func findCatalog(
        _ context: AppRequestContext
    ) async throws -> (ArchivedExperiment, ResourceOwner, SessionDocument.Resource, URL, CatalogDocument) {
        let (experiment, owner, resources) = try await ownerResources(context)
        let name = Self.resourceLabel(context, experiment: experiment, resources: resources)
        let resource =
            resources.first { $0.label == name } ?? resources.first { $0.label?.lowercased() == name.lowercased() }
        guard let resource else { throw ImportError(.notFound, "Resource \(name) not found") }
        guard let (url, catalog) = catalog(of: resource, in: try sessionFolder(experiment)) else {
            throw ImportError(.notFound, "Resource \(resource.label ?? "") has no catalog")
        }
        return (experiment, owner, resource, url, catalog)
    }
}
