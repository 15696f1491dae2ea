import SQLiteNIO
import XNATImport

// Project roles (`project_users`) and accessibility (`projects.accessibility`), migration 0013.
extension SQLiteMetadataStore {
    /// The user's role in the project, or `nil`.
    package func projectRole(project: String, login: String) async throws -> ProjectRole? {
        let rows = try await connection.query(
            "SELECT role FROM project_users WHERE project = ? AND login = ?",
            [.text(project), .text(login)]
        )
        return try rows.first.map { try Self.role(try $0.text("role")) }
    }

    /// Every role of the user, by project.
    package func projectRoles(login: String) async throws -> [String: ProjectRole] {
        let rows = try await connection.query("SELECT project, role FROM project_users WHERE login = ?", [.text(login)])
        var roles: [String: ProjectRole] = [:]
        for row in rows { roles[try row.text("project")] = try Self.role(try row.text("role")) }
        return roles
    }

    /// The project's users and their roles, ordered by login.
    package func projectUsers(project: String) async throws -> [(login: String, role: ProjectRole)] {
        let rows = try await connection.query(
            "SELECT login, role FROM project_users WHERE project = ? ORDER BY login",
            [.text(project)]
        )
        return try rows.map { (try $0.text("login"), try Self.role(try $0.text("role"))) }
    }

    /// Sets or removes the user's role; `false` if the project or the user does not exist.
    package func setProjectRole(_ role: ProjectRole?, project: String, login: String) async throws -> Bool {
        let exists = try await connection.query(
            "SELECT (SELECT COUNT(*) FROM projects WHERE id = ?) AS p, (SELECT COUNT(*) FROM users WHERE login = ?) AS u",
            [.text(project), .text(login)]
        )
        guard let row = exists.first, try row.integer("p") == 1, try row.integer("u") == 1 else { return false }
        if let role {
            _ = try await connection.query(
                """
                INSERT INTO project_users (project, login, role) VALUES (?, ?, ?)
                ON CONFLICT (project, login) DO UPDATE SET role = excluded.role
                """,
                [.text(project), .text(login), .text(role.rawValue)]
            )
        } else {
            _ = try await connection.query(
                "DELETE FROM project_users WHERE project = ? AND login = ?",
                [.text(project), .text(login)]
            )
        }
        return true
    }

    /// The project's accessibility, or `nil` if there is no such project.
    package func projectAccessibility(project: String) async throws -> ProjectAccessibility? {
        let rows = try await connection.query("SELECT accessibility FROM projects WHERE id = ?", [.text(project)])
        guard let row = rows.first else { return nil }
        guard let value = ProjectAccessibility(rawValue: try row.text("accessibility")) else {
            throw MetadataStoreError(.unusable, message: "Project \(project) has an invalid accessibility")
        }
        return value
    }

    /// Sets the project's accessibility; `false` if there is no such project.
    package func setProjectAccessibility(_ accessibility: ProjectAccessibility, project: String) async throws -> Bool {
        let rows = try await connection.query(
            "UPDATE projects SET accessibility = ? WHERE id = ? RETURNING id",
            [.text(accessibility.rawValue), .text(project)]
        )
        return !rows.isEmpty
    }

    private static func role(_ text: String) throws -> ProjectRole {
        guard let role = ProjectRole(rawValue: text) else {
            throw MetadataStoreError(.unusable, message: "project_users holds an invalid role \(text)")
        }
        return role
    }
}
