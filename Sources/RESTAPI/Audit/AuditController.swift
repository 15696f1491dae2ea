import Foundation
import Hummingbird
import XNATImport

/// `GET /xapi/audit[?login=…][&since=<epoch ms>][&limit=…]`: the audit log, newest first, for administrators only
/// (issue 8): ResultSet `time, login, action, method, target, status` (JSON by default, `format=csv` or `xml`).
/// `limit` defaults to 1,000 and is at most 100,000.
struct AuditController {
    let store: any MetadataStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/xapi/audit") { request, context in
            guard try context.requireUser().isAdministrator else {
                throw ImportError(.notPermitted, "Only site administrators may read the audit log")
            }
            let query = request.uri.queryParameters
            let since = query.get("since").flatMap { Int64($0) }.map { Date(millisecondsSince1970: $0) }
            let limit = min(query.get("limit").flatMap { Int($0) } ?? 1000, 100_000)
            let events = try await store.auditEvents(since: since, login: query.get("login").map { String($0) }, limit: limit)
            let rows = events.map { event in
                [
                    String(event.time.millisecondsSince1970), event.login, event.action.rawValue, event.method,
                    event.target, String(event.status),
                ]
            }
            return ResultSet(title: "Audit", columns: ["time", "login", "action", "method", "target", "status"], rows: rows)
                .response(format: ResultSetFormat(request: request))
        }
    }
}
