import Foundation
import Hummingbird
import Logging
import XNATImport

/// A project's AutoRun webhook (`xnat-import-spec.md` §6.6), also under `/REST`: posted to, besides the site's
/// actions, after each session of the project is archived with `triggerPipelines`.
///
/// - `PUT /data/projects/{P}/autorun/webhook?url=…`: sets or replaces it (administrators; an http or https URL,
///   checked like `SLUICE_AUTORUN_WEBHOOK`, else 400).
/// - `GET /data/projects/{P}/autorun/webhook`: the URL as plain text; 404 when the project has none.
/// - `DELETE /data/projects/{P}/autorun/webhook`: removes it (administrators); 200 even when there was none.
///
/// An unknown project is 404; a user who is not an administrator gets 403 from PUT and DELETE. There is no project
/// command: a path set over HTTP would let an administrator's password run programs on the server.
struct ProjectAutoRunController {
    let store: any MetadataStore

    func addRoutes(to router: Router<AppRequestContext>) {
        for path in XNATPath.service("/projects/:project/autorun/webhook") {
            router.get(RouterPath(path)) { _, context in try await show(context) }
            router.put(RouterPath(path)) { request, context in try await set(request, context) }
            router.delete(RouterPath(path)) { _, context in try await remove(context) }
        }
    }

    /// Administrators only: webhook URLs often carry secret tokens.
    private func show(_ context: AppRequestContext) async throws -> Response {
        _ = try requireAdministrator(context)
        let project = try await existingProject(context)
        guard let webhook = try await store.projectWebhook(project: project) else {
            throw ProjectError(.notFound, message: "Project \(project) has no AutoRun webhook")
        }
        return Response.plainText(webhook.absoluteString)
    }

    private func set(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try requireAdministrator(context)
        let project = try await existingProject(context)
        let text = request.uri.queryParameters.get("url") ?? ""
        guard let webhook = PipelineConfiguration.webhookURL(text) else {
            throw ImportError(.invalidRequest, "Invalid AutoRun webhook \"\(text)\": must be an http or https URL")
        }
        guard try await store.setProjectWebhook(webhook, project: project) else {
            throw Self.notFound(project.rawValue)
        }
        context.logger.info(
            "Set a project's AutoRun webhook",
            metadata: [LogMetadataKey.project: "\(project)", LogMetadataKey.login: "\(user.login)"]
        )
        return Response.plainText("")
    }

    private func remove(_ context: AppRequestContext) async throws -> Response {
        let user = try requireAdministrator(context)
        let project = try await existingProject(context)
        if try await store.deleteProjectWebhook(project: project) {
            context.logger.info(
                "Removed a project's AutoRun webhook",
                metadata: [LogMetadataKey.project: "\(project)", LogMetadataKey.login: "\(user.login)"]
            )
        }
        return Response.plainText("")
    }

    private func requireAdministrator(_ context: AppRequestContext) throws -> User {
        let user = try context.requireUser()
        guard user.isAdministrator else {
            throw ProjectError(
                .notPermitted,
                message: "User \(user.login) doesn't have permission to see or change AutoRun webhooks"
            )
        }
        return user
    }

    /// The project the `{P}` path segment names; an ID that could never exist is simply not found.
    private func existingProject(_ context: AppRequestContext) async throws -> ProjectID {
        let raw = context.parameters.get("project") ?? ""
        guard let id = try? ProjectID(raw.removingPercentEncoding ?? raw), try await store.project(id: id) != nil
        else {
            throw Self.notFound(raw)
        }
        return id
    }

    private static func notFound(_ project: String) -> ProjectError {
        ProjectError(.notFound, message: "Project \(project) not found")
    }
}
