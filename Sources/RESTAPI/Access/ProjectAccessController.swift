import Foundation
import Hummingbird
import Logging
import XNATImport

/// A project's users and accessibility (issue 8), as XNAT answers them, under `/data`, `/data/archive` and `/REST`:
///
/// * `GET /data/projects/{P}/users` — ResultSet `login, role, GROUP_ID` (`role` is `Owners`, `Members` or
///   `Collaborators`; `GROUP_ID` is `<P>_owner` and so on);
/// * `PUT /data/projects/{P}/users/{role}/{login}` — gives the user that role (replacing another); `DELETE` removes
///   the user from the project; 404 for an unknown user;
/// * `GET /data/projects/{P}/accessibility` — `private`, `protected` or `public` as text; `PUT …/accessibility/{value}`.
///
/// Reading needs read access to the project, changing needs an owner or an administrator (``AccessRules``).
struct ProjectAccessController {
    let store: any MetadataStore

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.archive("/projects/:project") {
            router.get(RouterPath(base + "/users")) { request, context in
                let project = ArchiveReadController.parameter("project", context)
                let rows = try await store.projectUsers(project: project).map { user in
                    [user.login, user.role.groupName, "\(project)_\(user.role.rawValue)"]
                }
                return ResultSet(title: "Users", columns: ["login", "role", "GROUP_ID"], rows: rows)
                    .response(format: ResultSetFormat(request: request))
            }
            for method in [HTTPRequest.Method.put, .delete] {
                router.on(RouterPath(base + "/users/:role/:login"), method: method) { request, context in
                    try await setRole(request, context)
                }
            }
            router.get(RouterPath(base + "/accessibility")) { _, context in
                let project = ArchiveReadController.parameter("project", context)
                guard let accessibility = try await store.projectAccessibility(project: project) else {
                    throw ImportError(.notFound, "Project \(project) not found")
                }
                return Response.plainText(accessibility.rawValue)
            }
            router.put(RouterPath(base + "/accessibility/:value")) { _, context in
                let project = ArchiveReadController.parameter("project", context)
                let value = ArchiveReadController.parameter("value", context)
                guard let accessibility = ProjectAccessibility(rawValue: value.lowercased()) else {
                    throw ImportError(.invalidRequest, "Invalid accessibility \(value): use private, protected or public")
                }
                guard try await store.setProjectAccessibility(accessibility, project: project) else {
                    throw ImportError(.notFound, "Project \(project) not found")
                }
                return Response.plainText(accessibility.rawValue)
            }
        }
    }

    private func setRole(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let project = ArchiveReadController.parameter("project", context)
        let login = ArchiveReadController.parameter("login", context)
        let group = ArchiveReadController.parameter("role", context)
        guard let role = ProjectRole(groupName: group) else {
            throw ImportError(.invalidRequest, "Invalid role \(group): use Owners, Members or Collaborators")
        }
        let removing = request.method == .delete
        guard try await store.setProjectRole(removing ? nil : role, project: project, login: login) else {
            throw ImportError(.notFound, "User \(login) not found")
        }
        context.logger.info(
            removing ? "Removed a user from a project" : "Gave a user a project role",
            metadata: [
                LogMetadataKey.project: "\(project)", "user": "\(login)", "role": "\(role.rawValue)",
                LogMetadataKey.login: "\(user.login)",
            ]
        )
        return Response(status: .ok)
    }
}
