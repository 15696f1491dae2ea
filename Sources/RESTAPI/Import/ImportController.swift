import Foundation
import Hummingbird
import Logging
import XNATImport

/// `POST /data/services/import` and `/REST/services/import` (`xnat-import-spec.md` §1): receives the one upload
/// into the staging folder, hands it to ``ImportService`` and answers the prearchive URIs as `text/uri-list`.
struct ImportController {
    let imports: ImportService
    let receiver: UploadReceiver

    func addRoutes(to router: Router<AppRequestContext>) {
        for path in XNATPath.service("/services/import") {
            router.post(RouterPath(path)) { request, context in try await importUpload(request, context) }
            // Only POST imports (§1.1); say so rather than "Not Found".
            for method in [HTTPRequest.Method.get, .put, .delete] {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    throw HTTPError(.methodNotAllowed, headers: [.allow: "POST"], message: "Use POST to import")
                }
            }
        }
    }

    private func importUpload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where parameters[String(key)] == nil {
            parameters[String(key)] = String(value)
        }
        // Refuse an unknown handler before reading what may be gigabytes of body.
        if let name = parameters[ImportParameter.importHandler.rawValue], ImportHandler(rawValue: name) == nil {
            throw ImportError(.notFound, "Unknown importer implementation specified: \(name)")
        }
        let inBody = ImportOptions.isInBody(parameters[ImportParameter.inBody.rawValue])
        let received = try await receiver.receive(request, inBody: inBody)
        defer { if let received { try? FileManager.default.removeItem(at: received.file) } }
        // Multipart fields come first in XNAT (§1.2); the query string wins where both name a parameter.
        for field in received?.formFields ?? [] where parameters[field.name] == nil {
            parameters[field.name] = field.value
        }
        let upload = received.map {
            ImportUpload(file: $0.file, clientFileName: $0.clientFileName, contentType: $0.contentType)
        }
        let uris = try await imports.importUpload(upload, parameters: parameters, user: user)
        context.logger.info(
            "Imported an upload",
            metadata: [
                LogMetadataKey.login: "\(user.login)",
                LogMetadataKey.uploadSize: "\(received?.size ?? 0)",
                LogMetadataKey.prearchiveSession: "\(uris.joined(separator: " "))",
            ]
        )
        return URIListResponse.response(uris)
    }
}
