import Foundation
import Hummingbird
import XNATImport

/// `GET /xapi/dicom/{id}`: an `inbox` import request as XNAT's `DicomInboxImportRequest` JSON (`xnat-clients.md`
/// §2.3): `id, enabled, created, timestamp, disabled, username, parameters, sessionPath, status,
/// cleanupAfterImport, resolution` (times in epoch milliseconds). Only its user and administrators see it (404 for
/// anyone else).
struct InboxRequestController {
    let store: any MetadataStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/xapi/dicom/:id") { _, context in
            let user = try context.requireUser()
            let name = context.parameters.get("id") ?? ""
            guard let id = Int(name), let request = try await store.inboxRequest(id: id),
                request.username == user.login || user.isAdministrator
            else {
                throw ImportError(.notFound, "No inbox import request \(name)")
            }
            return Response.text(Self.json(request), contentType: ResultSetFormat.json.contentType)
        }
    }

    static func json(_ request: InboxRequest) -> String {
        let parameters = request.parameters.sorted { $0.key < $1.key }.map {
            JSONText.quoted($0.key) + ":" + JSONText.quoted($0.value)
        }
        let fields = [
            ("id", String(request.id)), ("enabled", "true"),
            ("created", String(request.created.millisecondsSince1970)),
            ("timestamp", String(request.updated.millisecondsSince1970)), ("disabled", "0"),
            ("username", JSONText.quoted(request.username)), ("parameters", "{" + parameters.joined(separator: ",") + "}"),
            ("sessionPath", JSONText.quoted(request.sessionPath)), ("status", JSONText.quoted(request.status.rawValue)),
            ("cleanupAfterImport", request.cleanupAfterImport ? "true" : "false"),
            ("resolution", JSONText.quoted(request.resolution)),
        ]
        return "{" + fields.map { JSONText.quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
