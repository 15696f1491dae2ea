import Foundation
import Hummingbird
import Logging
import XNATImport

/// The user cache (`xnat-import-spec.md` §10), under `/data` and `/REST`, private to each user:
///
/// * `GET /data/user/cache/resources` — the user's resources (ResultSet `Name, URI`);
/// * `PUT …/resources/{X}` — creates a resource (412 if it exists); `DELETE` removes it;
/// * `GET …/resources/{X}/files` — its files (ResultSet `Name, Size, URI`);
/// * `PUT …/resources/{X}/files/{path}` — stores the body (raw, `inbody=true`, or a multipart file part) at `path`,
///   replacing a file there; `extract=true` unpacks a zip, tar or `.tar.gz` instead; 200;
/// * `POST …/resources/{X}/files` — a multipart upload stored under its part's file name; 201
///   "File(s) successfully uploaded"; `POST` with a name is 400, as XNAT answers;
/// * `GET …/files/{path}` — the file; `DELETE` removes it.
struct UserCacheController {
    let cache: UserCacheService
    let receiver: UploadReceiver

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.service("/user/cache/resources") {
            router.get(RouterPath(base)) { request, context in try await listResources(request, context) }
            router.put(RouterPath(base + "/:resource")) { _, context in
                try cache.createResource(Self.resource(context), of: try context.requireUser())
                return Response(status: .ok)
            }
            router.delete(RouterPath(base + "/:resource")) { _, context in
                try cache.delete(Self.resource(context), path: nil, user: try context.requireUser())
                return Response(status: .ok)
            }
            router.get(RouterPath(base + "/:resource/files")) { request, context in
                try await listFiles(request, context)
            }
            router.post(RouterPath(base + "/:resource/files")) { request, context in
                try await store(request, context, named: nil)
            }
            router.put(RouterPath(base + "/:resource/files/**")) { request, context in
                try await store(request, context, named: ArchiveReadController.filePath(context))
            }
            router.post(RouterPath(base + "/:resource/files/**")) { _, _ -> Response in
                throw ImportError(.invalidRequest, "Please use HTTP PUT request to specify a file name in the URL.")
            }
            router.get(RouterPath(base + "/:resource/files/**")) { _, context in
                let url = try cache.file(try ResourcePath(ArchiveReadController.filePath(context)), in: Self.resource(context), user: try context.requireUser())
                let body = try await FileIO().loadFile(path: url.path, context: context)
                return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: body)
            }
            router.delete(RouterPath(base + "/:resource/files/**")) { _, context in
                try cache.delete(Self.resource(context), path: try ResourcePath(ArchiveReadController.filePath(context)), user: try context.requireUser())
                return Response(status: .ok)
            }
        }
    }

    static func resource(_ context: AppRequestContext) -> String {
        ArchiveReadController.parameter("resource", context)
    }

    private func listResources(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let rows = try cache.resources(of: user).map { [$0, "/data/user/cache/resources/\(ArchiveReadController.encoded($0))"] }
        return ResultSet(title: "Resources", columns: ["Name", "URI"], rows: rows)
            .response(format: ResultSetFormat(request: request))
    }

    private func listFiles(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let name = Self.resource(context)
        let base = "/data/user/cache/resources/\(ArchiveReadController.encoded(name))/files/"
        let rows = try cache.files(of: name, user: user).map { file in
            [
                file.path.split(separator: "/").last.map(String.init) ?? file.path, String(file.size),
                base + file.path.split(separator: "/").map { ArchiveReadController.encoded(String($0)) }
                    .joined(separator: "/"),
            ]
        }
        return ResultSet(title: "Files", columns: ["Name", "Size", "URI"], rows: rows)
            .response(format: ResultSetFormat(request: request))
    }

    private func store(_ request: Request, _ context: AppRequestContext, named name: String?) async throws -> Response {
        let user = try context.requireUser()
        let upload = try await receiver.receiveResourceFile(request)
        defer { try? FileManager.default.removeItem(at: upload.file) }
        guard let fileName = name ?? upload.clientFileName, !fileName.isEmpty else {
            throw ImportError(.invalidRequest, "Name the file: PUT …/files/{name}, or a multipart part with a file name")
        }
        let path = try ResourcePath(fileName)
        let extract = request.uri.queryParameters.get("extract")?.lowercased() == "true"
        let resource = Self.resource(context)
        let written = try await BlockingWork.run {
            try cache.store(upload.file, at: path, in: resource, user: user, extract: extract)
        }
        context.logger.info(
            "Stored files in the user cache",
            metadata: [LogMetadataKey.login: "\(user.login)", "resource": "\(resource)", "files": "\(written.count)"]
        )
        if name == nil { return Response.plainText("File(s) successfully uploaded", status: .created) }
        return Response(status: .ok)
    }
}
