import SQLiteNIO
import XNATImport

// What `sluice verify` and startup recovery read: every experiment, and SQLite's own consistency checks.
extension SQLiteMetadataStore {
    /// Every experiment, ordered by project and label.
    package func experiments() async throws -> [ArchivedExperiment] {
        let rows = try await connection.query(
            """
            SELECT id, project, subject_id, label, data_type, uid, date, quarantined, created_at, last_modified
            FROM experiments ORDER BY project, label COLLATE NOCASE, id
            """
        )
        return try rows.map(Self.experiment(from:))
    }

    /// `PRAGMA integrity_check` (its `ok` left out) and one line per `PRAGMA foreign_key_check` violation.
    package func integrityProblems() async throws -> [String] {
        let integrity = try await connection.query("PRAGMA integrity_check")
        var problems = integrity.compactMap { $0.columns.first?.data.string }.filter { $0 != "ok" }
        for row in try await connection.query("PRAGMA foreign_key_check") {
            let table = row.column("table")?.string ?? "?"
            let rowID = row.column("rowid")?.integer.map(String.init) ?? "?"
            let parent = row.column("parent")?.string ?? "?"
            problems.append("row \(rowID) of \(table) refers to a missing row of \(parent)")
        }
        return problems
    }
}
