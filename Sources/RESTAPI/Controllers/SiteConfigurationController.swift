import Foundation
import Hummingbird
import XNATImport

/// XNAT's configuration service as the Desktop Client and the upload applet read it (`xnat-clients.md` §5 items 2–3,
/// §6): `GET /data/config/…` and `GET /data/projects/{P}/config/…`, also under `/REST` and `/data/archive`.
///
/// Sluice stores no site or project configuration, so every path answers as XNAT does for a setting that was never
/// made: with `accept-not-found=true`, 200 and an empty body (the clients then use their defaults; a 404 would
/// abort the desktop client's upload page); without it, 404 in plain text (the anonymization script and the series
/// import filter, `…/config/anon/script`, `…/config/seriesImportFilter`, are then off). A project path answers 404
/// for an unknown project either way.
///
/// `GET /data/projects/{P}/subjects/{S}/visits` (the visits of XNAT's protocols plugin) answers an empty JSON array.
struct SiteConfigurationController {
    let projects: ProjectService

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.service("/config") {
            router.get(RouterPath(base)) { request, _ in try Self.unsetConfiguration(request) }
            router.get(RouterPath(base + "/**")) { request, _ in try Self.unsetConfiguration(request) }
        }
        for base in XNATPath.archive("/projects/:project") {
            router.get(RouterPath(base + "/config")) { request, context in
                try await requireProject(context)
                return try Self.unsetConfiguration(request)
            }
            router.get(RouterPath(base + "/config/**")) { request, context in
                try await requireProject(context)
                return try Self.unsetConfiguration(request)
            }
            router.get(RouterPath(base + "/subjects/:subject/visits")) { _, context in
                try await requireProject(context)
                return Response.text("[]", contentType: ResultSetFormat.json.contentType)
            }
        }
    }

    /// The answer for a configuration that is not set: 200 and an empty body for `accept-not-found=true`, else 404.
    static func unsetConfiguration(_ request: Request) throws -> Response {
        if request.uri.queryParameters.get("accept-not-found")?.lowercased() == "true" {
            return Response.plainText("")
        }
        throw HTTPError(.notFound, message: "Configuration not found: Sluice stores no site or project configuration")
    }

    /// Throws ``ProjectError`` (404) unless the `{P}` path segment names a project.
    private func requireProject(_ context: AppRequestContext) async throws {
        _ = try context.requireUser()
        let raw = context.parameters.get("project") ?? ""
        guard let id = try? ProjectID(raw.removingPercentEncoding ?? raw) else {
            throw ProjectError(.notFound, message: "Project \(raw) not found")
        }
        _ = try await projects.project(id)
    }
}
