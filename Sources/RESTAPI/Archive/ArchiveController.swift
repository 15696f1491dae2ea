import Foundation
import Hummingbird
import Logging
import XNATImport

/// `POST /data/services/archive` (`xnat-import-spec.md` §6.7): archives prearchive sessions named by `src`
/// (repeatable) or by `project` + `PREARC_TIMESTAMP` + `PREARC_SESSION_FOLDER`.
///
/// Every session is archived with merging allowed; `overwrite=append|delete|override` also overrides soft
/// exceptions and lets files be replaced, `overwrite_files=true` lets files be replaced. `dest` (an archive URI),
/// `project`, `subject`/`SUBJECT_ID` and `session`/`EXPT_LABEL`/`label` override where the session goes.
/// Answers 200 `text/uri-list` with the archive URIs, or 303 to the first with `redirect=true`. XNAT answers a
/// batch with a table of prearchive rows; Sluice answers the URIs of every session, which is what a client needs.
struct ArchiveController {
    let archive: ArchiveService

    func addRoutes(to router: Router<AppRequestContext>) {
        for path in XNATPath.service("/services/archive") {
            router.post(RouterPath(path)) { request, context in try await archiveSessions(request, context) }
        }
    }

    private func archiveSessions(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let parameters = try await RequestParameters(request)
        let keys = try sessionKeys(parameters)
        var destination: ImportDestination?
        if let text = parameters["dest"] {
            guard let parsed = ImportDestination(text), parsed.area == .archive else {
                throw ImportError(.invalidRequest, "Invalid dest URI (\(text)): use an archive URI")
            }
            destination = parsed
        }
        // §6.7: every session may merge; `append` and `delete` (and `override`) also override soft exceptions.
        var options = ArchiveOptions(parameters: parameters.first)
        options.allowSessionMerge = true
        if let overwrite = parameters["overwrite"]?.lowercased(), ["append", "delete", "override"].contains(overwrite) {
            options.overrideExceptions = true
            options.overwriteFiles = true
        }
        let archiveRequest = ArchiveRequest(
            options: options,
            project: destination?.project ?? parameters["project"],
            subject: destination?.subject ?? parameters["subject"] ?? parameters["SUBJECT_ID"],
            label: destination?.experiment ?? parameters["session"] ?? parameters["EXPT_LABEL"] ?? parameters["label"],
            user: user,
            fields: parameters.first.filter { SessionDocument.isFieldParameter($0.key) }
        )
        var uris: [String] = []
        var autoArchives = false
        for key in keys {
            autoArchives = try await archive.autoArchives(key) || autoArchives
            let uri = "/data" + (try await archive.archive(key, request: archiveRequest))
            context.logger.info(
                "Archived a prearchive session",
                metadata: [LogMetadataKey.prearchiveSession: "\(key.url)", LogMetadataKey.login: "\(user.login)"]
            )
            uris.append(uri)
        }
        // §6.7: 303 to the archived session with `redirect=true`, or when the session auto-archives anyway.
        if parameters["redirect"]?.lowercased() == "true" || autoArchives, let first = uris.first {
            return Response(status: .seeOther, headers: [.location: first])
        }
        return URIListResponse.response(uris)
    }

    /// The sessions named by `src` or by `project` + `PREARC_TIMESTAMP` + `PREARC_SESSION_FOLDER` (repeatable).
    private func sessionKeys(_ parameters: RequestParameters) throws -> [PrearchiveSessionKey] {
        var keys: [PrearchiveSessionKey] = []
        for source in parameters.values("src") {
            if ImportDestination(source)?.area == .archive {
                throw ImportError(.invalidRequest, "Invalid src URI (\(source)): name a prearchive session")
            }
            guard let key = PrearchiveSessionKey(url: source) else {
                throw ImportError(.invalidRequest, "Invalid src URI (\(source))")
            }
            keys.append(key)
        }
        if keys.isEmpty, let project = parameters["project"], let stamp = parameters["PREARC_TIMESTAMP"],
            let timestamp = PrearchiveTimestamp(rawValue: stamp)
        {
            for folder in parameters.values("PREARC_SESSION_FOLDER") {
                guard let key = try? PrearchiveSessionKey(project: project, timestamp: timestamp, folderName: folder)
                else { throw ImportError(.invalidRequest, "Invalid prearchive folder \(folder)") }
                keys.append(key)
            }
        }
        guard !keys.isEmpty else { throw ImportError(.notFound, "Unknown prearchive session.") }
        return keys
    }
}
