import Foundation
import Hummingbird
import Logging
import XNATImport

/// Project routes: list, read, create or update, and the prearchive code (`xnat-clients.md` §1.4, §5, §8).
///
/// Every path also answers under `/data/archive`, `/REST` and `/REST/archive` (``XNATPath``).
///
/// The listing shows the projects the caller may know of (a role, or not private; issue 8). Administrators create
/// projects; administrators and owners update them and set the prearchive code; quarantine is for administrators.
struct ProjectController {
    let projects: ProjectService
    let access: AccessService

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.archive("/projects") {
            router.get(RouterPath(base)) { request, context in
                let visible = try await access.visibleProjects(for: try context.requireUser())
                let shown = try await projects.allProjects().filter { visible?.contains($0.id.rawValue) ?? true }
                let listing = ProjectListing.resultSet(shown)
                return listing.response(format: ResultSetFormat(request: request))
            }
            router.get(RouterPath(base + "/:project")) { request, context in
                let project = try await existingProject(context)
                return ProjectDocument(project: project).response(format: ResultSetFormat(request: request))
            }
            router.put(RouterPath(base + "/:project")) { request, context in
                try await save(request, context: context)
            }
            router.get(RouterPath(base + "/:project/prearchive_code")) { _, context in
                // A bare number, `0`, `4` or `5`: the desktop client and the applet parse the body as an integer.
                Response.plainText(String(try await existingProject(context).prearchiveCode.number))
            }
            router.put(RouterPath(base + "/:project/prearchive_code/:code")) { _, context in
                try await setPrearchiveCode(context: context)
            }
            // XNAT's arc spec quarantine code: 1 quarantines every session archived into the project.
            router.get(RouterPath(base + "/:project/quarantine_code")) { _, context in
                Response.plainText(try await existingProject(context).quarantinesNewSessions ? "1" : "0")
            }
            router.put(RouterPath(base + "/:project/quarantine_code/:code")) { _, context in
                let user = try context.requireUser()
                let id = try projectID(context)
                let code = context.parameters.get("code") ?? ""
                guard code == "0" || code == "1" else {
                    throw ProjectError(.invalidPrearchiveCode, message: "Invalid quarantine code \(code): use 0 or 1")
                }
                try await projects.setQuarantinesNewSessions(code == "1", of: id, by: user)
                return Response.plainText("")
            }
        }
    }

    /// `PUT /data/projects/{ID}`: creates the project or updates it; 200 with an empty body either way, as XNAT's
    /// `ProjectResource.handlePut` answers (xnat-rest-tests expects 200 for a new project).
    private func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try projectID(context)
        let fields = try await ProjectForm(request: request).fields
        let outcome = try await projects.save(id, fields: fields, by: user)
        if case .created = outcome {
            context.logger.info(
                "Created a project",
                metadata: [LogMetadataKey.project: "\(id)", LogMetadataKey.login: "\(user.login)"]
            )
        }
        return Response.plainText("")
    }

    /// `PUT /data/projects/{ID}/prearchive_code/{code}`: 0, 4 or 5; any other code is 400.
    private func setPrearchiveCode(context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try projectID(context)
        let text = context.parameters.get("code") ?? ""
        guard let code = PrearchiveCode(pathSegment: text) else {
            throw ProjectError(
                .invalidPrearchiveCode,
                message: "Invalid prearchive code \(text): use 0 (manual), 4 or 5 (auto-archive)"
            )
        }
        try await projects.setPrearchiveCode(code, of: id, by: user)
        context.logger.info(
            "Set a project's prearchive code",
            metadata: [LogMetadataKey.project: "\(id)", LogMetadataKey.prearchiveCode: "\(code.number)"]
        )
        return Response.plainText("")
    }

    /// The `{ID}` path segment, percent-decoded and validated.
    private func projectID(_ context: AppRequestContext) throws -> ProjectID {
        let raw = context.parameters.get("project") ?? ""
        return try ProjectID(raw.removingPercentEncoding ?? raw)
    }

    /// The project the `{ID}` path segment names; an ID that could never exist is simply not found.
    private func existingProject(_ context: AppRequestContext) async throws -> Project {
        let raw = context.parameters.get("project") ?? ""
        guard let id = try? ProjectID(raw.removingPercentEncoding ?? raw) else {
            throw ProjectError(.notFound, message: "Project \(raw) not found")
        }
        return try await projects.project(id)
    }
}
