import Foundation
import Hummingbird
import Logging
import XNATImport

/// The prearchive routes the upload tools use (`xnat-import-spec.md` §4.6): listings, one session as XML, JSON
/// or zip, and `action=build|commit`. Every path also answers under `/REST`.
struct PrearchiveController {
    let archive: ArchiveService
    var prearchive: PrearchiveService { archive.prearchive }

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.service("/prearchive") {
            router.get(RouterPath(base)) { request, context in try await list(request, context, projects: nil) }
            router.get(RouterPath(base + "/projects")) { request, context in
                try await list(request, context, projects: nil)
            }
            router.get(RouterPath(base + "/projects/:project")) { request, context in
                let names = (context.parameters.get("project") ?? "").split(separator: ",").map(String.init)
                return try await list(request, context, projects: names)
            }
            let session = base + "/projects/:project/:timestamp/:folder"
            router.get(RouterPath(session)) { request, context in try await show(request, context) }
            router.post(RouterPath(session)) { request, context in try await act(request, context) }
        }
    }

    private func list(_ request: Request, _ context: AppRequestContext, projects: [String]?) async throws -> Response {
        let user = try context.requireUser()
        // Issue 8: only the projects the caller may edit (administrators: all, and Unassigned).
        let editable = try await AccessService(store: prearchive.store).projects(where: .edit, for: user)
        let rows = try await prearchive.sessions(projects: projects, visibleTo: user).filter { row in
            row.project.map { editable?.contains($0) ?? true } ?? true
        }
        let listing = PrearchiveListing.resultSet(rows, timeZone: prearchive.configuration.timeZone)
        return listing.response(format: ResultSetFormat(request: request))
    }

    /// `GET …/{P}/{TS}/{S}`: the session document (default, `format=xml`), the row (`format=json`), or a zip of
    /// the session folder (`format=zip`).
    private func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let key = try PrearchiveSessionKey(pathOf: context)
        let row = try await visibleSession(key, user: user)
        switch request.uri.queryParameters.get("format")?.lowercased() ?? "xml" {
        case "json":
            let table = PrearchiveListing.resultSet([row], timeZone: prearchive.configuration.timeZone)
            return table.response(format: .json)
        case "zip":
            return try PrearchiveDownload.response(
                folder: prearchive.layout.sessionFolder(of: key),
                name: key.folderName
            )
        default:
            let bytes = try await prearchive.documentBytes(key)
            return Response(
                status: .ok,
                headers: [.contentType: "text/xml; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
    }

    /// `POST …/{P}/{TS}/{S}?action=build|commit`: builds the session; 200 `text/uri-list` with its URI.
    private func act(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let key = try PrearchiveSessionKey(pathOf: context)
        _ = try await visibleSession(key, user: user)
        // pyxnat sends `action=build` in a form body (`xnat-clients.md` §3); the query wins where both name one.
        let parameters = try await RequestParameters(request)
        let action = parameters["action"]?.lowercased() ?? ""
        switch action {
        case ImportAction.build.rawValue:
            try await prearchive.build(key)
        case ImportAction.commit.rawValue:
            // §4.6: an auto-archiving session is archived (merging allowed, no override) and answered with 301
            // and the archive URI in the body, without Location: the desktop client reads the 301 as "archived"
            // and would misreport if its HTTP stack followed a Location (xnat-clients.md §5 item 7).
            let requested = ["AA", "auto-archive"].contains { parameters[$0]?.lowercased() == "true" }
            let outcome = try await archive.commit(
                key,
                requestsArchive: requested,
                request: ArchiveRequest(
                    options: ArchiveOptions(allowSessionMerge: true),
                    user: user,
                    fields: try await Self.fieldParameters(request, parameters: parameters)
                )
            )
            if case .archived = outcome {
                context.logger.info("Prearchive commit archived", metadata: [LogMetadataKey.prearchiveSession: "\(key.url)"])
                return URIListResponse.response([outcome.uri], status: .movedPermanently)
            }
        case "move":
            // §4.6: 301 with the new prearchive URI in the body and no Location, like commit's answer.
            guard let project = parameters["newProject"] else {
                throw ImportError(.invalidRequest, "No destination project specified: use newProject")
            }
            let row = try await prearchive.move(key, toProject: project, by: user)
            context.logger.info("Prearchive move", metadata: [LogMetadataKey.prearchiveSession: "\(row.key.url)"])
            return URIListResponse.response(["/data" + row.url], status: .movedPermanently)
        case "reset-status":
            try await prearchive.resetStatus(key)
        case "set-status":
            let requested = parameters["status"] ?? ""
            guard let status = PrearchiveStatus(rawValue: requested.uppercased()) else {
                let named = requested.isEmpty ? "none" : requested
                throw ImportError(.invalidRequest, "Invalid prearchive status: \(named)")
            }
            try await prearchive.setStatus(status, of: key)
        default:
            let named = action.isEmpty ? "no action" : "the action \(action)"
            throw ImportError(
                .invalidRequest,
                "Unsupported prearchive operation: \(named); use action=build, commit, move, reset-status or set-status"
            )
        }
        context.logger.info("Prearchive \(action)", metadata: [LogMetadataKey.prearchiveSession: "\(key.url)"])
        return URIListResponse.response(["/data" + key.url])
    }

    /// The row, if `user` may see it: only administrators see Unassigned sessions (§4.7).
    private func visibleSession(_ key: PrearchiveSessionKey, user: User) async throws -> PrearchiveSession {
        guard key.project != nil || user.isAdministrator else {
            throw ImportError(.notPermitted, "Only administrators may open Unassigned prearchive sessions")
        }
        return try await prearchive.session(key)
    }
}

extension PrearchiveController {
    /// Session fields a commit sets (§4.6): XML-path and shortcut parameters from the query or a form body, and from
    /// a JSON object body, which the desktop client sends (`{"xnat:petSessionData/tracer/name": "FDG"}`; `{}` sets
    /// nothing).
    static func fieldParameters(_ request: Request, parameters: RequestParameters) async throws -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in parameters.all where SessionDocument.isFieldParameter(key) {
            fields[key] = value
        }
        if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            return fields
        }
        let body = try await request.body.collect(upTo: 64 * 1024)
        guard body.readableBytes > 0,
            let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        else { return fields }
        for (key, value) in object where SessionDocument.isFieldParameter(key) {
            if let text = value as? String { fields[key] = text } else if let number = value as? NSNumber {
                fields[key] = number.stringValue
            }
        }
        return fields
    }
}
