import SQLiteNIO
import XNATImport

extension SQLiteMetadataStore {
    private static let projectColumns =
        "id, secondary_id, name, description, pi_first_name, pi_last_name, prearchive_code, quarantine_code"

    /// Every project, ordered by ID; kept in memory until a project is added or changed.
    package func projects() async throws -> [Project] {
        let (generation, cached) = projectList.lookUp()
        if let cached { return cached }
        let rows = try await connection.query("SELECT \(Self.projectColumns) FROM projects ORDER BY id")
        let projects = try rows.map(Self.project(from:))
        projectList.keep(projects, readAt: generation)
        return projects
    }

    /// The project with this ID, or `nil`.
    package func project(id: ProjectID) async throws -> Project? {
        let rows = try await connection.query(
            "SELECT \(Self.projectColumns) FROM projects WHERE id = ?",
            [.text(id.rawValue)]
        )
        return try rows.first.map(Self.project(from:))
    }

    /// Adds a project; `false` if one with this ID exists already.
    package func insertProject(_ project: Project) async throws -> Bool {
        let rows = try await connection.query(
            """
            INSERT INTO projects (\(Self.projectColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING RETURNING id
            """,
            [.text(project.id.rawValue)] + Self.fields(of: project)
                + [.integer(project.prearchiveCode.number), .integer(project.quarantinesNewSessions ? 1 : 0)]
        )
        projectList.invalidate()
        return !rows.isEmpty
    }

    /// Replaces a project's fields (not its prearchive code); `false` if there is no such project.
    package func updateProject(_ project: Project) async throws -> Bool {
        let rows = try await connection.query(
            """
            UPDATE projects SET secondary_id = ?, name = ?, description = ?, pi_first_name = ?, pi_last_name = ?
            WHERE id = ? RETURNING id
            """,
            Self.fields(of: project) + [.text(project.id.rawValue)]
        )
        projectList.invalidate()
        return !rows.isEmpty
    }

    /// Sets a project's prearchive code; `false` if there is no such project.
    package func setPrearchiveCode(_ code: PrearchiveCode, of id: ProjectID) async throws -> Bool {
        let rows = try await connection.query(
            "UPDATE projects SET prearchive_code = ? WHERE id = ? RETURNING id",
            [.integer(code.number), .text(id.rawValue)]
        )
        projectList.invalidate()
        return !rows.isEmpty
    }

    /// Sets a project's quarantine code; `false` if there is no such project.
    package func setQuarantinesNewSessions(_ quarantines: Bool, of id: ProjectID) async throws -> Bool {
        let rows = try await connection.query(
            "UPDATE projects SET quarantine_code = ? WHERE id = ? RETURNING id",
            [.integer(quarantines ? 1 : 0), .text(id.rawValue)]
        )
        projectList.invalidate()
        return !rows.isEmpty
    }

    /// Quarantines or releases an experiment; `false` if there is no such experiment.
    package func setQuarantined(_ quarantined: Bool, experimentID: String) async throws -> Bool {
        let rows = try await connection.query(
            "UPDATE experiments SET quarantined = ? WHERE id = ? RETURNING id",
            [.integer(quarantined ? 1 : 0), .text(experimentID)]
        )
        return !rows.isEmpty
    }

    // MARK: - Rows

    private static func fields(of project: Project) -> [SQLiteData] {
        [
            .text(project.secondaryID), .text(project.name), .text(project.description),
            .text(project.principalInvestigator.firstName), .text(project.principalInvestigator.lastName),
        ]
    }

    private static func project(from row: SQLiteRow) throws -> Project {
        let storedID = try row.text("id")
        let storedCode = try row.integer("prearchive_code")
        let quarantineCode = try row.integer("quarantine_code")
        guard let id = try? ProjectID(storedID), let code = PrearchiveCode(number: storedCode) else {
            throw MetadataStoreError(.unusable, message: "Project row \(storedID) has an invalid ID or prearchive code")
        }
        return Project(
            id: id,
            secondaryID: try row.text("secondary_id"),
            name: try row.text("name"),
            description: try row.text("description"),
            principalInvestigator: Investigator(
                firstName: try row.text("pi_first_name"),
                lastName: try row.text("pi_last_name")
            ),
            prearchiveCode: code,
            quarantinesNewSessions: quarantineCode == 1
        )
    }
}
