/// A user's role in a project, XNAT's project groups (`<project>_owner`, `_member`, `_collaborator`).
package enum ProjectRole: String, Sendable, CaseIterable, Comparable {
    /// Reads, imports, archives, changes and deletes data, and manages the project's users and settings.
    case owner
    /// Reads, imports, archives and changes data; does not delete experiments or manage the project.
    case member
    /// Reads data only.
    case collaborator

    /// The group name XNAT uses in URLs and listings: `Owners`, `Members`, `Collaborators`.
    package var groupName: String {
        switch self {
        case .owner: "Owners"
        case .member: "Members"
        case .collaborator: "Collaborators"
        }
    }

    /// The role a URL's group names (`Owners`, `owner`, `Members`, … in any case).
    package init?(groupName: String) {
        switch groupName.lowercased() {
        case "owners", "owner": self = .owner
        case "members", "member": self = .member
        case "collaborators", "collaborator": self = .collaborator
        default: return nil
        }
    }

    /// Owners rank above members, members above collaborators.
    package static func < (lhs: ProjectRole, rhs: ProjectRole) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .collaborator: 0
        case .member: 1
        case .owner: 2
        }
    }
}

/// Who may see a project without a role in it (XNAT's project accessibility).
package enum ProjectAccessibility: String, Sendable, CaseIterable {
    /// Only its users (and administrators) know it exists.
    case `private`
    /// Every logged-in user sees it in the project listing; only its users read its data.
    case protected
    /// Every logged-in user may read its data.
    case `public`
}
