import Foundation
import Hummingbird
import Logging
import XNATImport

/// The direct-archive sessions of `Direct-Archive=true` uploads (`xnat-import-spec.md` §2.7; Sluice's design is in
/// ``DirectArchive``):
///
/// * `GET` or `POST /xapi/direct-archive[?project=P]` — the sessions waiting to be archived, as a JSON array;
/// * `GET /xapi/direct-archive/{project}/{tag}/{name}` — one of them (`tag` is the StudyInstanceUID);
/// * `POST …/{project}/{tag}/{name}` — archive it now: 200 and the archive URI; on failure it becomes an ERROR or
///   CONFLICT prearchive session and the error is answered (409 for a conflict);
/// * `DELETE …/{project}/{tag}/{name}` — discard it.
///
/// XNAT also deletes by a numeric ID (`DELETE /xapi/direct-archive/{id}`); Sluice's sessions have no such ID, so the
/// three-part name is the only one.
struct DirectArchiveController {
    let archive: ArchiveService

    func addRoutes(to router: Router<AppRequestContext>) {
        for method in [HTTPRequest.Method.get, .post] {
            router.on("/xapi/direct-archive", method: method) { request, context in
                let user = try context.requireUser()
                let project = request.uri.queryParameters.get("project").map { String($0) }
                let editable = try await AccessService(store: archive.prearchive.store).projects(where: .edit, for: user)
                let rows = try await archive.prearchive.directArchiveSessions(project: project).filter { row in
                    row.project.map { editable?.contains($0) ?? true } ?? false
                }
                return Response.text("[" + rows.map(Self.json).joined(separator: ",") + "]", contentType: "application/json")
            }
        }
        let one = "/xapi/direct-archive/:project/:tag/:name"
        router.get(RouterPath(one)) { _, context in
            _ = try context.requireUser()
            return Response.text(Self.json(try await find(context)), contentType: "application/json")
        }
        router.post(RouterPath(one)) { _, context in
            let user = try context.requireUser()
            let row = try await find(context)
            let outcome = try await archive.commit(
                row.key,
                requestsArchive: true,
                request: ArchiveRequest(options: ArchiveOptions(allowSessionMerge: true), user: user)
            )
            context.logger.info("Direct-archived a session", metadata: [LogMetadataKey.prearchiveSession: "\(row.key.url)"])
            return Response.plainText(outcome.uri)
        }
        router.delete(RouterPath(one)) { _, context in
            _ = try context.requireUser()
            let row = try await find(context)
            try await archive.prearchive.delete(row.key)
            return Response(status: .ok)
        }
    }

    private func find(_ context: AppRequestContext) async throws -> PrearchiveSession {
        try await archive.prearchive.directArchiveSession(
            project: ArchiveReadController.parameter("project", context),
            tag: ArchiveReadController.parameter("tag", context),
            name: ArchiveReadController.parameter("name", context)
        )
    }

    /// A session as JSON: where it is, its status and its prearchive place.
    static func json(_ row: PrearchiveSession) -> String {
        let fields: [(String, String?)] = [
            ("project", row.project), ("tag", row.tag), ("name", row.name), ("subject", row.subject),
            ("status", row.status.rawValue), ("timestamp", row.timestamp.rawValue), ("folderName", row.folderName),
            ("url", row.url), ("uri", row.tag.flatMap { tag in row.project.map { DirectArchive.uri(project: $0, tag: tag, name: row.name) } }),
        ]
        let values = fields.map { name, value in JSONText.quoted(name) + ":" + (value.map(JSONText.quoted) ?? "null") }
        let times = [
            #""lastModified":"# + String(row.lastModified.millisecondsSince1970),
            #""created":"# + (row.uploaded.map { String($0.millisecondsSince1970) } ?? "null"),
        ]
        return "{" + (values + times).joined(separator: ",") + "}"
    }
}
