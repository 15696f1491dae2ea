import Foundation
import Hummingbird
import Logging
import XNATImport

/// `POST /data/services/refresh/catalog?resource=…` (`xnat-import-spec.md` §11; xnat-ingest sends
/// `options=populateStats,append,delete,checksum`): makes the catalogs under each `resource` (repeatable; an archive
/// URI of a project, subject, experiment, scan or resource) agree with the files on disk. Flags `append`,
/// `checksum`, `delete`, `populateStats` (any value but `false` or `0`) or `options=<list>`; none means all.
/// Answers 200 with an empty body. `GET` is accepted and does nothing, as in XNAT.
struct RefreshCatalogController {
    let editor: ArchiveEditor

    func addRoutes(to router: Router<AppRequestContext>) {
        for path in XNATPath.service("/services/refresh/catalog") {
            router.post(RouterPath(path)) { request, context in try await refresh(request, context) }
            router.get(RouterPath(path)) { _, context -> Response in
                _ = try context.requireUser()
                return Response(status: .ok)
            }
        }
    }

    /// The operations the request asks for.
    static func operations(_ parameters: RequestParameters) throws -> CatalogRefreshOperations {
        var operations: CatalogRefreshOperations = []
        for name in ["append", "checksum", "delete", "populateStats"] {
            guard let value = parameters[name]?.lowercased(), value != "false", value != "0" else { continue }
            operations.insert(CatalogRefreshOperations(name: name)!)
        }
        for list in parameters.values("options") {
            for word in list.split(separator: ",") {
                guard let operation = CatalogRefreshOperations(name: String(word)) else {
                    throw ImportError(.invalidRequest, "Unknown refresh option: \(word)")
                }
                operations.insert(operation)
            }
        }
        return operations.isEmpty ? .all : operations
    }

    private func refresh(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let parameters = try await RequestParameters(request)
        let operations = try Self.operations(parameters)
        let uris = parameters.values("resource")
        guard !uris.isEmpty else { throw ImportError(.invalidRequest, "Name at least one resource=<archive URI>") }
        // Resolve every URI before refreshing anything, so a bad one changes nothing.
        var targets: [(ArchivedExperiment, CatalogRefreshScope)] = []
        let access = AccessService(store: editor.archive.prearchive.store)
        for text in uris {
            let found = try await editor.experiments(for: try ArchiveItemURI(text))
            // Issue 8: refreshing rewrites catalogs, so it needs edit access to every project it touches.
            for project in Set(found.map(\.0.project)) { try await access.require(.edit, user, in: project) }
            targets += found
        }
        var changed = 0
        for (experiment, scope) in targets {
            let summaries = try await editor.refreshCatalogs(experiment, scope: scope, operations: operations)
            changed += summaries.filter(\.changedCatalog).count
        }
        context.logger.info(
            "Refreshed catalogs",
            metadata: [
                "experiments": "\(targets.count)", "changedCatalogs": "\(changed)",
                LogMetadataKey.login: "\(user.login)",
            ]
        )
        return Response(status: .ok)
    }
}
