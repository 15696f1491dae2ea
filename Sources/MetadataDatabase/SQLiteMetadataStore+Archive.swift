import Foundation
import SQLiteNIO
import XNATImport

// Labels compare ignoring ASCII case (`COLLATE NOCASE`), as the unique indexes on (project, label COLLATE NOCASE) do.
// IDs come from `id_counters`, one `UPDATE … RETURNING` each, so two callers never get the same number.
extension SQLiteMetadataStore {
    private static let subjectColumns = "id, project, label, created_at"
    private static let experimentColumns =
        "id, project, subject_id, label, data_type, uid, date, quarantined, created_at, last_modified"

    // MARK: - Subjects

    /// The subject of `project` whose label equals `label` ignoring case, or `nil`.
    package func subject(project: String, label: String) async throws -> ArchivedSubject? {
        let rows = try await connection.query(
            "SELECT \(Self.subjectColumns) FROM subjects WHERE project = ? AND label = ? COLLATE NOCASE",
            [.text(project), .text(label)]
        )
        return try rows.first.map(Self.subject(from:))
    }

    /// The subject with this ID, or `nil`.
    package func subject(id: String) async throws -> ArchivedSubject? {
        let rows = try await connection.query(
            "SELECT \(Self.subjectColumns) FROM subjects WHERE id = ?",
            [.text(id)]
        )
        return try rows.first.map(Self.subject(from:))
    }

    /// The subjects of `project`, ordered by label ignoring case.
    package func subjects(project: String) async throws -> [ArchivedSubject] {
        let rows = try await connection.query(
            "SELECT \(Self.subjectColumns) FROM subjects WHERE project = ? ORDER BY label COLLATE NOCASE, id",
            [.text(project)]
        )
        return try rows.map(Self.subject(from:))
    }

    /// Creates a subject with the next subject ID, or returns the one `project` already has with this label.
    ///
    /// The insert does nothing if the label exists (ignoring case), so concurrent calls cannot create two subjects;
    /// the loser reads the winner's row, and its counter value stays unused.
    package func createSubject(project: String, label: String, createdAt: Date) async throws -> ArchivedSubject {
        if let existing = try await subject(project: project, label: label) {
            return existing
        }
        let id = try await nextID(kind: "subject", prefix: "S")
        let rows = try await connection.query(
            """
            INSERT INTO subjects (\(Self.subjectColumns)) VALUES (?, ?, ?, ?)
            ON CONFLICT (project, label COLLATE NOCASE) DO NOTHING RETURNING \(Self.subjectColumns)
            """,
            [.text(id), .text(project), .text(label), .integer(Int(createdAt.millisecondsSince1970))]
        )
        if let row = rows.first {
            return try Self.subject(from: row)
        }
        guard let winner = try await subject(project: project, label: label) else {
            throw MetadataStoreError(.unusable, message: "Subject \(project)/\(label) conflicts but cannot be found")
        }
        return winner
    }

    // MARK: - Experiments

    /// The experiment of `project` whose label equals `label` ignoring case, or `nil`.
    package func experiment(project: String, label: String) async throws -> ArchivedExperiment? {
        let rows = try await connection.query(
            "SELECT \(Self.experimentColumns) FROM experiments WHERE project = ? AND label = ? COLLATE NOCASE",
            [.text(project), .text(label)]
        )
        return try rows.first.map(Self.experiment(from:))
    }

    /// The experiment with this ID, or `nil`.
    package func experiment(id: String) async throws -> ArchivedExperiment? {
        let rows = try await connection.query(
            "SELECT \(Self.experimentColumns) FROM experiments WHERE id = ?",
            [.text(id)]
        )
        return try rows.first.map(Self.experiment(from:))
    }

    /// The experiments of `project`, ordered by label ignoring case.
    package func experiments(project: String) async throws -> [ArchivedExperiment] {
        let rows = try await connection.query(
            "SELECT \(Self.experimentColumns) FROM experiments WHERE project = ? ORDER BY label COLLATE NOCASE, id",
            [.text(project)]
        )
        return try rows.map(Self.experiment(from:))
    }

    /// Reserves the next experiment ID; it is never handed out again, even if unused.
    package func nextExperimentID() async throws -> String {
        try await nextID(kind: "experiment", prefix: "E")
    }

    /// Adds the experiment, or replaces every column of the one with the same ID.
    package func saveExperiment(_ experiment: ArchivedExperiment) async throws {
        _ = try await connection.query(
            """
            INSERT INTO experiments (\(Self.experimentColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET project = excluded.project, subject_id = excluded.subject_id, \
            label = excluded.label, data_type = excluded.data_type, uid = excluded.uid, date = excluded.date, \
            quarantined = excluded.quarantined, created_at = excluded.created_at, \
            last_modified = excluded.last_modified
            """,
            Self.values(of: experiment)
        )
    }

    /// Removes an experiment; `false` if there was none.
    package func deleteExperiment(id: String) async throws -> Bool {
        let rows = try await connection.query("DELETE FROM experiments WHERE id = ? RETURNING id", [.text(id)])
        return !rows.isEmpty
    }

    package func deleteSubject(id: String) async throws -> Bool {
        let rows = try await connection.query("DELETE FROM subjects WHERE id = ? RETURNING id", [.text(id)])
        return !rows.isEmpty
    }

    // MARK: - IDs

    /// `<site ID>_<prefix>` and the counter's next value, zero-padded to at least five digits.
    private func nextID(kind: String, prefix: String) async throws -> String {
        let site = try await siteID()
        let rows = try await connection.query(
            "UPDATE id_counters SET last = last + 1 WHERE kind = ? RETURNING last",
            [.text(kind)]
        )
        guard let row = rows.first else {
            throw MetadataStoreError(.unusable, message: "The id_counters table has no \(kind) row")
        }
        let digits = String(try row.integer("last"))
        return "\(site)_\(prefix)\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }

    // MARK: - Rows

    /// Every column, in the order of ``experimentColumns``.
    private static func values(of experiment: ArchivedExperiment) -> [SQLiteData] {
        [
            .text(experiment.id), .text(experiment.project), .text(experiment.subjectID), .text(experiment.label),
            .text(experiment.dataType), experiment.uid.map { .text($0) } ?? .null,
            experiment.date.map { .text($0) } ?? .null, .integer(experiment.isQuarantined ? 1 : 0),
            .integer(Int(experiment.createdAt.millisecondsSince1970)),
            .integer(Int(experiment.lastModified.millisecondsSince1970)),
        ]
    }

    private static func subject(from row: SQLiteRow) throws -> ArchivedSubject {
        ArchivedSubject(
            id: try row.text("id"),
            project: try row.text("project"),
            label: try row.text("label"),
            createdAt: Date(millisecondsSince1970: Int64(try row.integer("created_at")))
        )
    }

    static func experiment(from row: SQLiteRow) throws -> ArchivedExperiment {
        let id = try row.text("id")
        let quarantined = try row.integer("quarantined")
        guard quarantined == 0 || quarantined == 1 else {
            throw MetadataStoreError(.unusable, message: "Experiment row \(id) has an invalid quarantined flag")
        }
        return ArchivedExperiment(
            id: id,
            project: try row.text("project"),
            subjectID: try row.text("subject_id"),
            label: try row.text("label"),
            dataType: try row.text("data_type"),
            uid: try row.optionalText("uid"),
            date: try row.optionalText("date"),
            isQuarantined: quarantined == 1,
            createdAt: Date(millisecondsSince1970: Int64(try row.integer("created_at"))),
            lastModified: Date(millisecondsSince1970: Int64(try row.integer("last_modified")))
        )
    }
}
