/// What a request needs to do to a project's data (issue 8): the rules of who may do what are in
/// ``ProjectAccess``.
package enum ProjectPermission: String, Sendable, CaseIterable {
    /// Read its data: listings, documents, files, downloads.
    case read
    /// Change its data: import into it, archive, move, upload files, create subjects, experiments, scans.
    case edit
    /// Delete its experiments, subjects, scans and resources.
    case delete
    /// Manage it: its users, prearchive code, quarantine, AutoRun settings.
    case manage
}

/// The access decisions, pure: a site administrator may do anything; owners everything in their project; members
/// read and edit; collaborators read; anyone logged in reads a public project.
package enum ProjectAccess {
    /// Whether a user with `role` (or none) in a project of `accessibility` has `permission`.
    package static func allows(
        _ permission: ProjectPermission,
        isAdministrator: Bool,
        role: ProjectRole?,
        accessibility: ProjectAccessibility
    ) -> Bool {
        if isAdministrator { return true }
        switch permission {
        case .read: return role != nil || accessibility == .public
        case .edit: return role == .owner || role == .member
        case .delete, .manage: return role == .owner
        }
    }

    /// Whether the project's existence may be revealed to the user: any role, or a project that is not private.
    package static func isVisible(isAdministrator: Bool, role: ProjectRole?, accessibility: ProjectAccessibility) -> Bool {
        isAdministrator || role != nil || accessibility != .private
    }
}
