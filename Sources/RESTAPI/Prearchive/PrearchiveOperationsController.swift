import Foundation
import Hummingbird
import Logging
import XNATImport

/// The prearchive management routes (`xnat-import-spec.md` §4.6) that xnatpy's `PrearchiveSession.move`,
/// `.delete` and `.rebuild` call (`xnat-clients.md` §2.4), and `DELETE /data/prearchive/projects/{P}/{TS}/{S}`.
/// Every path also answers under `/REST`.
///
/// `POST /data/services/prearchive/{move,delete,rebuild}` take `src` (repeatable: prearchive URIs) and, for move,
/// `newProject`, from the query or an `application/x-www-form-urlencoded` body. Every session is checked to exist
/// and be visible before any is changed. They answer 200 with a table of `src`, `newProject` (move only),
/// `status` and `message` per session. XNAT queues these operations; Sluice runs them before answering, so
/// `async` is ignored.
struct PrearchiveOperationsController {
    let prearchive: PrearchiveService

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.service("/services/prearchive") {
            router.post(RouterPath(base + "/move")) { request, context in try await move(request, context) }
            router.post(RouterPath(base + "/delete")) { request, context in try await delete(request, context) }
            router.post(RouterPath(base + "/rebuild")) { request, context in try await rebuild(request, context) }
        }
        for base in XNATPath.service("/prearchive") {
            router.delete(RouterPath(base + "/projects/:project/:timestamp/:folder")) { request, context in
                try await deleteSession(request, context)
            }
        }
    }

    // MARK: - Routes

    /// `POST /services/prearchive/move?src=…&newProject=X`.
    private func move(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let parameters = try await RequestParameters(request)
        let sources = try sessions(parameters)
        guard let project = parameters["newProject"] else {
            throw ImportError(.invalidRequest, "No destination project specified: use newProject")
        }
        try await checkVisible(sources, user: user)
        var rows: [[String]] = []
        for (source, key) in sources {
            let row = try await prearchive.move(key, toProject: project, by: user)
            let message = row.key == key ? "Already in project \(project)" : "Moved to /data\(row.url)"
            rows.append([source, project, row.status.rawValue, message])
            log(context, "Moved a prearchive session", key, user)
        }
        return table(["src", "newProject", "status", "message"], rows, request)
    }

    /// `POST /services/prearchive/delete?src=…`.
    private func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let sources = try sessions(try await RequestParameters(request))
        try await checkVisible(sources, user: user)
        var rows: [[String]] = []
        for (source, key) in sources {
            try await prearchive.delete(key)
            rows.append([source, "DELETED", "Deleted"])
            log(context, "Deleted a prearchive session", key, user)
        }
        return table(["src", "status", "message"], rows, request)
    }

    /// `POST /services/prearchive/rebuild?src=…`: builds each session (never archives it). A session whose files
    /// do not make a session is reported with status ERROR and the reason, not as a failed request.
    private func rebuild(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let sources = try sessions(try await RequestParameters(request))
        try await checkVisible(sources, user: user)
        var rows: [[String]] = []
        for (source, key) in sources {
            do {
                let row = try await prearchive.build(key)
                rows.append([source, row.status.rawValue, "Rebuilt"])
            } catch let error as ImportError where error.kind == .invalidRequest {
                rows.append([source, PrearchiveStatus.error.rawValue, error.message])
            }
            log(context, "Rebuilt a prearchive session", key, user)
        }
        return table(["src", "status", "message"], rows, request)
    }

    /// `DELETE /prearchive/projects/{P}/{TS}/{S}`: 200 with an empty body.
    private func deleteSession(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let key = try PrearchiveSessionKey(pathOf: context)
        try await checkVisible([("", key)], user: user)
        try await prearchive.delete(key)
        log(context, "Deleted a prearchive session", key, user)
        return Response(status: .ok)
    }

    // MARK: - Helpers

    /// The `src` values, each with its session key, without repeats; 400 when there is none or one is not a
    /// prearchive session URI.
    private func sessions(_ parameters: RequestParameters) throws -> [(String, PrearchiveSessionKey)] {
        var result: [(String, PrearchiveSessionKey)] = []
        for source in parameters.values("src") {
            guard
                let key = PrearchiveSessionKey(url: source)
                    ?? source.removingPercentEncoding.flatMap(PrearchiveSessionKey.init(url:))
            else {
                throw ImportError(
                    .invalidRequest,
                    "Invalid src URI (\(source)): use /data/prearchive/projects/<project>/<timestamp>/<folder>"
                )
            }
            if !result.contains(where: { $0.1 == key }) { result.append((source, key)) }
        }
        guard !result.isEmpty else { throw ImportError(.invalidRequest, "No src specified") }
        return result
    }

    /// Every session exists (404) and `user` may change it: only administrators touch Unassigned sessions (403,
    /// §4.7), and others need edit access to the session's project (issue 8).
    private func checkVisible(_ sources: [(String, PrearchiveSessionKey)], user: User) async throws {
        let access = AccessService(store: prearchive.store)
        for (_, key) in sources {
            guard let project = key.project else {
                guard user.isAdministrator else {
                    throw ImportError(.notPermitted, "Only administrators may modify Unassigned prearchive sessions")
                }
                _ = try await prearchive.session(key)
                continue
            }
            try await access.require(.edit, user, in: project)
            _ = try await prearchive.session(key)
        }
    }

    private func table(_ columns: [String], _ rows: [[String]], _ request: Request) -> Response {
        ResultSet(title: "Prearchive", columns: columns, rows: rows).response(format: ResultSetFormat(request: request))
    }

    private func log(_ context: AppRequestContext, _ message: Logger.Message, _ key: PrearchiveSessionKey, _ user: User)
    {
        context.logger.info(
            message,
            metadata: [LogMetadataKey.prearchiveSession: "\(key.url)", LogMetadataKey.login: "\(user.login)"]
        )
    }
}
