import Foundation
import SQLiteNIO
import XNATImport

// Runs of AutoRun actions (`pipeline_runs`, migration 0006). A row is inserted RUNNING when the action is launched
// and updated when it starts and when it finishes.
extension SQLiteMetadataStore {
    private static let pipelineRunColumns =
        "id, experiment_id, action, target, status, started_at, finished_at, detail"

    /// Adds a run; its ID must be new.
    package func insertPipelineRun(_ run: PipelineRun) async throws {
        _ = try await connection.query(
            "INSERT INTO pipeline_runs (\(Self.pipelineRunColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [.text(run.id)] + Self.values(of: run)
        )
    }

    /// Replaces every column of the run with `run.id`; `false` if there is no such run.
    package func updatePipelineRun(_ run: PipelineRun) async throws -> Bool {
        let rows = try await connection.query(
            """
            UPDATE pipeline_runs SET experiment_id = ?, action = ?, target = ?, status = ?, started_at = ?, \
            finished_at = ?, detail = ? WHERE id = ? RETURNING id
            """,
            Self.values(of: run) + [.text(run.id)]
        )
        return !rows.isEmpty
    }

    /// The runs for an experiment, the oldest first.
    package func pipelineRuns(experimentID: String) async throws -> [PipelineRun] {
        let rows = try await connection.query(
            "SELECT \(Self.pipelineRunColumns) FROM pipeline_runs WHERE experiment_id = ? ORDER BY started_at, rowid",
            [.text(experimentID)]
        )
        return try rows.map(Self.pipelineRun(from:))
    }

    /// Marks every RUNNING run FAILED; the number of runs changed.
    package func failRunningPipelineRuns(detail: String, at date: Date) async throws -> Int {
        let rows = try await connection.query(
            "UPDATE pipeline_runs SET status = 'FAILED', finished_at = ?, detail = ? WHERE status = 'RUNNING' RETURNING id",
            [.integer(Int(date.millisecondsSince1970)), .text(detail)]
        )
        return rows.count
    }

    // MARK: - Rows

    /// Every column but `id`, in the order of ``pipelineRunColumns``.
    private static func values(of run: PipelineRun) -> [SQLiteData] {
        [
            .text(run.experimentID), .text(run.action.rawValue), .text(run.target), .text(run.status.rawValue),
            .integer(Int(run.startedAt.millisecondsSince1970)),
            run.finishedAt.map { .integer(Int($0.millisecondsSince1970)) } ?? .null, .text(run.detail),
        ]
    }

    private static func pipelineRun(from row: SQLiteRow) throws -> PipelineRun {
        let id = try row.text("id")
        guard let action = PipelineAction.Kind(rawValue: try row.text("action")),
            let status = PipelineRunStatus(rawValue: try row.text("status"))
        else {
            throw MetadataStoreError(.unusable, message: "Pipeline run \(id) has an unknown action or status")
        }
        return PipelineRun(
            id: id,
            experimentID: try row.text("experiment_id"),
            action: action,
            target: try row.text("target"),
            startedAt: Date(millisecondsSince1970: Int64(try row.integer("started_at"))),
            finishedAt: try row.optionalInteger("finished_at").map { Date(millisecondsSince1970: Int64($0)) },
            status: status,
            detail: try row.text("detail")
        )
    }
}
