import Foundation
import Hummingbird
import XNATImport

/// An experiment's scans: the listing, one scan as `items` JSON, and a scan's files as a zip
/// (`xnat-clients.md` §1.4, §2.5). Resources below the scans and the session are in
/// `ArchiveReadController+Resources`.
extension ArchiveReadController {
    func addScanRoutes(to router: Router<AppRequestContext>, experimentPath: String) {
        let scans = experimentPath + "/scans"
        router.get(RouterPath(scans)) { request, context in try await listScans(request, context) }
        router.get(RouterPath(scans + "/:scan")) { _, context in try await showScan(context) }
        router.get(RouterPath(scans + "/:scan/files")) { request, context in
            try await downloadScan(request, context)
        }
        addResourceRoutes(to: router, ownerPath: experimentPath)
        addResourceRoutes(to: router, ownerPath: scans + "/:scan")
    }

    /// `GET …/scans/{id}/files?format=zip` (xnatpy's scan download; `ALL` for every scan, xnatpy's session
    /// download): every catalogued file, entries named `<label>/scans/<id>/resources/<resource>/files/<name>` as
    /// XNAT names them.
    private func downloadScan(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        guard request.uri.queryParameters.get("format")?.lowercased() == "zip" else {
            throw ImportError(.notFound, "Use format=zip to download a scan's files")
        }
        let experiment = try await findExperiment(context)
        let document = try sessionDocument(experiment)
        let name = Self.parameter("scan", context)
        let scans = name == "ALL" ? document.scans : [try findScan(context, in: document)]
        let folder = try sessionFolder(experiment)
        var files: [(String, URL)] = []
        for scan in scans {
            for resource in scan.resources {
                guard let (url, catalog) = catalog(of: resource, in: folder) else { continue }
                let prefix = "\(experiment.label)/scans/\(scan.id)/resources/\(resource.label ?? "resource")/files"
                files += zipEntries(catalog, catalogURL: url, folder: folder, prefix: prefix)
            }
        }
        let zipName = name == "ALL" ? experiment.label : "\(experiment.label)_scan_\(name)"
        return ZipDownload.filesResponse(files, name: zipName)
    }

    /// Every catalogued file of the session, its scans' and its own resources', streamed as one zip.
    func sessionZip(_ experiment: ArchivedExperiment) throws -> Response {
        let document = try sessionDocument(experiment)
        let folder = try sessionFolder(experiment)
        var files: [(String, URL)] = []
        for scan in document.scans {
            for resource in scan.resources {
                guard let (url, catalog) = catalog(of: resource, in: folder) else { continue }
                let prefix = "\(experiment.label)/scans/\(scan.id)/resources/\(resource.label ?? "resource")/files"
                files += zipEntries(catalog, catalogURL: url, folder: folder, prefix: prefix)
            }
        }
        for resource in document.resources {
            guard let (url, catalog) = catalog(of: resource, in: folder) else { continue }
            let prefix = "\(experiment.label)/resources/\(resource.label ?? "resource")/files"
            files += zipEntries(catalog, catalogURL: url, folder: folder, prefix: prefix)
        }
        return ZipDownload.filesResponse(files, name: experiment.label)
    }

    /// `(entry name, file)` for a catalog's files that lie inside the session folder, named `<prefix>/<uri>`.
    func zipEntries(_ catalog: CatalogDocument, catalogURL: URL, folder: URL, prefix: String) -> [(String, URL)] {
        catalog.entries.compactMap { entry in
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

    /// `GET …/scans/{id}`: the scan as `items` JSON, its resources as `file` children.
    private func showScan(_ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let experiment = try await findExperiment(context)
        let scan = try findScan(context, in: try sessionDocument(experiment))
        var item = Self.item(scan, experiment: experiment)
        let resources = scan.resources.map { Self.item($0, owner: .scan(scan.id), experiment: experiment) }
        if !resources.isEmpty { item.children = [(field: "file", items: resources)] }
        return ItemsDocument(items: [item]).response()
    }

    /// A scan's `items` entry.
    static func item(_ scan: SessionDocument.Scan, experiment: ArchivedExperiment) -> ItemsDocument.Item {
        ItemsDocument.Item(
            type: scan.dataType.rawValue,
            fields: [
                ("ID", scan.id), ("type", scan.type), ("series_description", scan.seriesDescription),
                ("UID", scan.uid), ("frames", scan.frames.map(String.init)), ("quality", scan.quality),
                ("condition", scan.condition), ("note", scan.note), ("series_class", scan.seriesClass),
                ("modality", scan.modality), ("startTime", scan.startTime), ("start_date", scan.startDate),
                ("image_session_ID", experiment.id), ("project", experiment.project),
                ("xnat_imagescandata_id", "\(experiment.id)_\(scan.id)"),
            ]
        )
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
