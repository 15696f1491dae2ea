import Foundation
import Hummingbird
import Logging
import XNATImport

/// Resources and their files: `PUT|DELETE …/resources/{R}` and `PUT|POST|DELETE …/resources/{R}/files/{path}`,
/// below an experiment or one of its scans.
///
/// A file upload's body is the file (raw, any `Content-Type`, `inbody=true` or not), or the file part of a
/// `multipart/form-data` body; `POST …/files` without a path takes the part's file name. `extract=true` unpacks a
/// zip, tar or `.tar.gz` into the folder of `path`; `overwrite=true` replaces files of the same path (otherwise
/// 409); `format` and `content` label the catalog entries.
extension ArchiveWriteController {
    func addResourceRoutes(to router: Router<AppRequestContext>, owner: String) {
        let resource = owner + "/resources/:resource"
        router.put(RouterPath(resource)) { request, context in try await putResource(request, context) }
        router.delete(RouterPath(resource)) { _, context in try await deleteResource(context) }
        for method in [HTTPRequest.Method.put, .post] {
            router.on(RouterPath(resource + "/files/**"), method: method) { request, context in
                try await putFiles(request, context)
            }
            router.on(RouterPath(resource + "/files"), method: method) { request, context in
                try await putFiles(request, context)
            }
        }
        router.delete(RouterPath(resource + "/files/**")) { _, context in try await deleteFile(context) }
    }

    /// The `{resource}` parameter as a label (it may be the listed `xnat_abstractresource_id`).
    func resourceLabel(_ context: AppRequestContext, _ experiment: ArchivedExperiment) async throws -> String {
        let name = ArchiveReadController.parameter("resource", context)
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return name }
        let resources = try lookup.sessionDocument(experiment).resources(of: ArchiveReadController.owner(context)) ?? []
        return ArchiveReadController.resourceLabel(context, experiment: experiment, resources: resources)
    }

    private func putResource(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let experiment = try await lookup.findExperiment(context)
        let query = request.uri.queryParameters
        let (_, outcome) = try await editor.putResource(
            experiment,
            owner: ArchiveReadController.owner(context),
            label: try await resourceLabel(context, experiment),
            format: query.get("format").flatMap { $0.isEmpty ? nil : String($0) },
            content: query.get("content").flatMap { $0.isEmpty ? nil : String($0) },
            description: query.get("description").flatMap { $0.isEmpty ? nil : String($0) }
        )
        return Response(status: outcome == .created ? .created : .ok)
    }

    private func deleteResource(_ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let experiment = try await lookup.findExperiment(context)
        try await editor.deleteResource(
            experiment,
            owner: ArchiveReadController.owner(context),
            label: try await resourceLabel(context, experiment)
        )
        return Response(status: .ok)
    }

    private func deleteFile(_ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let experiment = try await lookup.findExperiment(context)
        try await editor.deleteFile(
            experiment,
            owner: ArchiveReadController.owner(context),
            resource: try await resourceLabel(context, experiment),
            path: ArchiveReadController.filePath(context)
        )
        return Response(status: .ok)
    }

    private func putFiles(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let experiment = try await lookup.findExperiment(context)
        let query = request.uri.queryParameters
        let flag = { (name: String) in query.get(name)?.lowercased() == "true" }
        let text = { (name: String) -> String? in
            query.get(name).flatMap { $0.isEmpty || $0 == "U" ? nil : String($0) }  // pyxnat sends "U" for unset
        }
        let upload = try await receiver.receiveResourceFile(request)
        defer { try? FileManager.default.removeItem(at: upload.file) }
        var name = ArchiveReadController.filePath(context)
        if name.isEmpty { name = upload.clientFileName ?? "" }
        guard !name.isEmpty else {
            throw ImportError(.invalidRequest, "Name the file: …/files/{name}, or a multipart part with a file name")
        }
        let path = try ResourcePath(name)
        let options = ResourceFileOptions(
            overwrite: flag("overwrite"),
            format: text("format"),
            content: text("content"),
            user: user.login
        )
        let owner = ArchiveReadController.owner(context)
        let label = try await resourceLabel(context, experiment)
        let entries: [CatalogDocument.Entry]
        if flag("extract") {
            entries = try await editor.addArchive(
                experiment, owner: owner, resource: label, archive: upload.file, path: path, options: options
            )
        } else {
            entries = try await editor.addFiles(
                experiment, owner: owner, resource: label, uploads: [ResourceUpload(path: path, file: upload.file)],
                options: options
            )
        }
        context.logger.info(
            "Uploaded resource files",
            metadata: [
                "experiment": "\(experiment.id)", "resource": "\(label)", "files": "\(entries.count)",
                LogMetadataKey.login: "\(user.login)",
            ]
        )
        return Response(status: .ok)
    }
}
