import Foundation

/// Checks what users may do in projects (issue 8), with the roles and accessibility in the store.
///
/// Refusals never reveal what the user may not see: a project the user cannot see is 404 `Project P not found`,
/// exactly as a project that does not exist; one the user sees but may not act on is 403.
package struct AccessService: Sendable {
    /// The store holding roles and accessibility.
    package let store: any MetadataStore

    /// A service on `store`.
    package init(store: any MetadataStore) {
        self.store = store
    }

    /// The user's role in `project`, or `nil`.
    package func role(of user: User, in project: String) async throws -> ProjectRole? {
        try await store.projectRole(project: project, login: user.login)
    }

    /// Whether `user` has `permission` in `project` (which must exist; an unknown project answers `false`).
    package func allows(_ permission: ProjectPermission, _ user: User, in project: String) async throws -> Bool {
        if user.isAdministrator { return true }
        guard let accessibility = try await store.projectAccessibility(project: project) else { return false }
        return ProjectAccess.allows(
            permission,
            isAdministrator: false,
            role: try await role(of: user, in: project),
            accessibility: accessibility
        )
    }

    /// Throws unless `user` has `permission` in `project`: 404 when the project does not exist or the user may not
    /// know of it, 403 otherwise.
    package func require(_ permission: ProjectPermission, _ user: User, in project: String) async throws {
        if user.isAdministrator {
            guard try await store.projectAccessibility(project: project) != nil else { throw Self.notFound(project) }
            return
        }
        guard let accessibility = try await store.projectAccessibility(project: project) else {
            throw Self.notFound(project)
        }
        let role = try await role(of: user, in: project)
        if ProjectAccess.allows(permission, isAdministrator: false, role: role, accessibility: accessibility) { return }
        guard ProjectAccess.isVisible(isAdministrator: false, role: role, accessibility: accessibility) else {
            throw Self.notFound(project)
        }
        throw ImportError(.notPermitted, Self.refusal(permission, project: project))
    }

    /// The projects in which `user` has `permission`; `nil` means every project (an administrator).
    package func projects(where permission: ProjectPermission, for user: User) async throws -> Set<String>? {
        if user.isAdministrator { return nil }
        let roles = try await store.projectRoles(login: user.login)
        if permission != .read {
            // Only a role gives more than reading: one query, however many projects there are (imports ask per file).
            return Set(roles.compactMap { project, role in
                ProjectAccess.allows(permission, isAdministrator: false, role: role, accessibility: .private) ? project : nil
            })
        }
        var allowed: Set<String> = []
        for project in try await store.projects() {
            let id = project.id.rawValue
            let accessibility = try await store.projectAccessibility(project: id) ?? .private
            if ProjectAccess.allows(permission, isAdministrator: false, role: roles[id], accessibility: accessibility) {
                allowed.insert(id)
            }
        }
        return allowed
    }

    /// The projects whose existence `user` may know: any role, or not private; `nil` for an administrator.
    package func visibleProjects(for user: User) async throws -> Set<String>? {
        if user.isAdministrator { return nil }
        var visible: Set<String> = []
        let roles = try await store.projectRoles(login: user.login)
        for project in try await store.projects() {
            let id = project.id.rawValue
            let accessibility = try await store.projectAccessibility(project: id) ?? .private
            if ProjectAccess.isVisible(isAdministrator: false, role: roles[id], accessibility: accessibility) {
                visible.insert(id)
            }
        }
        return visible
    }

    static func notFound(_ project: String) -> ImportError {
        ImportError(.notFound, "Project \(project) not found")
    }

    static func refusal(_ permission: ProjectPermission, project: String) -> String {
        switch permission {
        case .read: "You may not read the data of project \(project)"
        case .edit: "You may not change the data of project \(project): that needs a member or owner of it"
        case .delete: "You may not delete data of project \(project): that needs an owner of it"
        case .manage: "You may not manage project \(project): that needs an owner of it"
        }
    }
}
