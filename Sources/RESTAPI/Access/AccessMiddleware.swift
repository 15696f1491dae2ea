import Hummingbird
import Logging
import XNATImport

/// Enforces each route's ``AccessRule`` (issue 8) after the login check: administrators pass, project rules are
/// checked against the caller's role in the project the path names, and a route without a rule is refused (fail
/// closed; the route-table test reports it).
///
/// The project of a path with `{experiment}` or `{subject}` but no `{project}` is that object's project; when the
/// object does not exist the handler answers 404 as usual. `Unassigned` prearchive sessions are for administrators.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let access: AccessService

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let path = context.endpointPath else { return try await next(request, context) }
        guard let rule = AccessRules.rule(for: request.method, path: path) else {
            context.logger.error("A route has no access rule", metadata: ["route": "\(request.method) \(path)"])
            throw ImportError(.notPermitted, "This route has no access rule; nobody may call it")
        }
        switch rule {
        case .anyone, .loggedIn:
            break
        case .administrator:
            guard try context.requireUser().isAdministrator else {
                throw ImportError(.notPermitted, "Only site administrators may do this")
            }
        case .project(let permission):
            let user = try context.requireUser()
            if let project = try await project(of: context) {
                if project == "Unassigned", AccessRules.normalized(path).hasPrefix("/prearchive/") {
                    guard user.isAdministrator else {
                        throw ImportError(.notPermitted, "Only administrators may open Unassigned prearchive sessions")
                    }
                } else {
                    try await access.require(permission, user, in: project)
                }
            }
        }
        return try await next(request, context)
    }

    /// The project the path names, or `nil` when it names an object that does not exist (the handler answers 404).
    private func project(of context: Context) async throws -> String? {
        if context.parameters.get("project") != nil {
            return ArchiveReadController.parameter("project", context)
        }
        if context.parameters.get("experiment") != nil {
            return try await access.store.experiment(id: ArchiveReadController.parameter("experiment", context))?.project
        }
        if context.parameters.get("subject") != nil {
            return try await access.store.subject(id: ArchiveReadController.parameter("subject", context))?.project
        }
        return nil
    }
}
