/// What ``ProjectService/save(_:fields:by:)`` did.
package enum ProjectSaveOutcome: Sendable, Equatable {
    /// A new project was created.
    case created(Project)
    /// The existing project was updated.
    case updated(Project)

    /// The project as saved.
    package var project: Project {
        switch self {
        case .created(let project), .updated(let project): project
        }
    }
}

/// Creating, finding and configuring projects.
///
/// Only site administrators create or change projects (XNAT's `uiAllowNonAdminProjectCreation` off); any logged-in
/// user may read them, since Sluice has no project membership yet.
package struct ProjectService: Sendable {
    /// Where projects are kept.
    package let store: any MetadataStore

    /// Creates the service.
    package init(store: any MetadataStore) {
        self.store = store
    }

    /// Every project, ordered by ID.
    package func allProjects() async throws -> [Project] {
        try await store.projects()
    }

    /// The project with this ID; throws ``ProjectError`` (`notFound`) if there is none.
    package func project(_ id: ProjectID) async throws -> Project {
        guard let project = try await store.project(id: id) else {
            throw Self.notFound(id)
        }
        return project
    }

    /// Creates the project, or updates the fields given if it exists (XNAT's `PUT /data/projects/{ID}`).
    ///
    /// Like XNAT's `validateProjectFields`, the ID, name and secondary ID must not equal, ignoring case, the ID, name
    /// or secondary ID of another project.
    package func save(_ id: ProjectID, fields: ProjectFields, by user: User) async throws -> ProjectSaveOutcome {
        let existing = try await store.project(id: id)
        guard try await mayManage(id, exists: existing != nil, user: user) else {
            if existing != nil, try await AccessService(store: store).visibleProjects(for: user)?.contains(id.rawValue) == false {
                throw Self.notFound(id)
            }
            let action = existing == nil ? "create projects on this system" : "edit the project \(id)"
            throw ProjectError(.notPermitted, message: "User \(user.login) doesn't have permission to \(action)")
        }
        let project = fields.applied(to: existing ?? Project(id: id))
        let clashes = Self.clashes(of: project, among: try await store.projects())
        guard clashes.isEmpty else {
            let names = clashes.map(\.rawValue).joined(separator: ", ")
            throw ProjectError(.conflict, message: "Requested new project conflicts with existing projects: \(names)")
        }
        if existing == nil, try await store.insertProject(project) {
            return .created(project)
        }
        guard try await store.updateProject(project) else {
            throw Self.notFound(id)
        }
        return .updated(project)
    }

    /// Sets the project's prearchive code; administrators and the project's owners may.
    package func setPrearchiveCode(_ code: PrearchiveCode, of id: ProjectID, by user: User) async throws {
        guard try await mayManage(id, exists: true, user: user) else {
            throw ProjectError(
                .notPermitted,
                message: "User \(user.login) doesn't have permission to edit the project \(id)"
            )
        }
        guard try await store.setPrearchiveCode(code, of: id) else {
            throw Self.notFound(id)
        }
    }

    /// Sets whether sessions archived into the project start in quarantine; only administrators may.
    package func setQuarantinesNewSessions(_ quarantines: Bool, of id: ProjectID, by user: User) async throws {
        guard user.isAdministrator else {
            throw ProjectError(
                .notPermitted,
                message: "User \(user.login) doesn't have permission to edit the project \(id)"
            )
        }
        guard try await store.setQuarantinesNewSessions(quarantines, of: id) else {
            throw Self.notFound(id)
        }
    }

    // MARK: - Helpers

    /// Administrators create projects and manage any; owners manage theirs (issue 8).
    private func mayManage(_ id: ProjectID, exists: Bool, user: User) async throws -> Bool {
        if user.isAdministrator { return true }
        guard exists else { return false }
        return try await store.projectRole(project: id.rawValue, login: user.login) == .owner
    }

    private static func notFound(_ id: ProjectID) -> ProjectError {
        ProjectError(.notFound, message: "Project \(id) not found")
    }

    private static func clashes(of project: Project, among others: [Project]) -> [ProjectID] {
        func keys(_ project: Project) -> Set<String> {
            Set([project.id.rawValue, project.secondaryID, project.name].map { $0.lowercased() })
        }
        let mine = keys(project)
        return others.filter { $0.id != project.id && !mine.isDisjoint(with: keys($0)) }.map(\.id)
    }
}
