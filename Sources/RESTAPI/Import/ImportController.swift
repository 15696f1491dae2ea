import Foundation
import Hummingbird
import Logging
import XNATImport

/// `POST /data/services/import` and `/REST/services/import` (`xnat-import-spec.md` §1, §9, §10): receives the one
/// upload into the staging folder (or takes files from the user cache with `src`), hands it to ``ImportService``
/// and answers the resulting URIs as `text/uri-list`.
///
/// With `http-session-listener` (or `transaction`) the import's progress is recorded for `GET /data/status/{id}`;
/// combined with `src` the import runs in the background and the answer is 200 `Submitted for prearchival` (or
/// `archival` for `dest=/archive…`) at once (§1.7).
struct ImportController {
    let imports: ImportService
    let receiver: UploadReceiver
    let userCache: UserCacheService
    let statuses: StatusRegistry

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
        var sources: [String] = []
        for (key, value) in request.decodedQueryParameters {
            if key == "src" { sources += Self.split(value) }
            if parameters[key] == nil { parameters[key] = value }
        }
        // Refuse an unknown handler before reading what may be gigabytes of body.
        if let name = parameters[ImportParameter.importHandler.rawValue], ImportHandler(rawValue: name) == nil {
            throw ImportError(.notFound, "Unknown importer implementation specified: \(name)")
        }
        let listener = try Self.listener(parameters)
        let inBody = ImportOptions.isInBody(parameters[ImportParameter.inBody.rawValue])
        let received = try await receiver.receive(request, inBody: inBody)
        defer { if let received { try? FileManager.default.removeItem(at: received.file) } }
        // Multipart fields come first in XNAT (§1.2); the query string wins where both name a parameter.
        for field in received?.formFields ?? [] {
            if field.name == "src" { sources += Self.split(field.value) }
            if parameters[field.name] == nil { parameters[field.name] = field.value }
        }
        let reporter = listener.map { statuses.reporter(id: $0, owner: user.login) } ?? .silent
        if !sources.isEmpty {
            // Every src must name a cached file before anything is imported (400 / 404 otherwise).
            let files = try sources.map { try userCache.source($0, user: user) }
            let job = SourceImport(imports: imports, parameters: parameters, user: user, reporter: reporter)
            guard listener != nil else {
                return try await job.run(sources: Array(zip(sources, files)), logger: context.logger).response()
            }
            let logger = context.logger
            Task { _ = try? await job.run(sources: Array(zip(sources, files)), logger: logger) }
            let archives = parameters["dest"]?.hasPrefix("/archive") == true
            return Response.plainText(archives ? "Submitted for archival" : "Submitted for prearchival")
        }
        let upload = received.map {
            ImportUpload(file: $0.file, clientFileName: $0.clientFileName, contentType: $0.contentType)
        }
        let uris: [String]
        do {
            await reporter.progress("Determining destination")
            await reporter.progress("Importing file (\(received?.clientFileName ?? "upload"))")
            uris = try await imports.importUpload(upload, parameters: parameters, user: user) { message in
                await reporter.progress(message)
            }
            await SourceImport.reportCompletion(uris, to: reporter)
        } catch {
            await reporter.report(.failed, "\(error)", terminal: true)
            throw error
        }
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

    /// `src` values: repeated parameters, each possibly a comma-separated list.
    static func split(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The listener id: `http-session-listener`, else `transaction`; an empty `http-session-listener` is 400 (§1.7).
    static func listener(_ parameters: [String: String]) throws -> String? {
        if let value = parameters["http-session-listener"] {
            let id = value.trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else {
                throw ImportError(.invalidRequest, "'transaction' is required when requesting 'http-session-listener'.")
            }
            return id
        }
        return parameters["transaction"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
