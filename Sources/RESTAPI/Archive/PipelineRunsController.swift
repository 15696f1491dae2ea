import Foundation
import Hummingbird
import XNATImport

/// `GET /data/experiments/{ID}/pipelines` (also under `/REST` and `/data/archive`): the runs of the site's AutoRun
/// actions for an archived session (`xnat-import-spec.md` §6.6), the oldest first, as an XNAT result set (JSON by
/// default, `format=csv|xml`). 404 for an unknown experiment.
///
/// Columns: `id`, `experiment_ID`, `action` (`command` or `webhook`), `target` (the path or URL), `status`
/// (`RUNNING`, `COMPLETE`, `FAILED`), `started` and `finished` (ISO 8601, UTC, milliseconds; `finished` is empty
/// while running) and `detail` (exit status and output tail, or HTTP status and response body).
struct PipelineRunsController {
    static let title = "Pipeline runs"
    static let columns = ["id", "experiment_ID", "action", "target", "status", "started", "finished", "detail"]

    let store: any MetadataStore

    func addRoutes(to router: Router<AppRequestContext>) {
        for path in XNATPath.archive("/experiments/:experiment/pipelines") {
            router.get(RouterPath(path)) { request, context in try await list(request, context) }
        }
    }

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let id = context.parameters.get("experiment") ?? ""
        guard try await store.experiment(id: id) != nil else {
            throw ImportError(.notFound, "Unable to find the specified experiment.")
        }
        let runs = try await store.pipelineRuns(experimentID: id)
        return Self.resultSet(runs).response(format: ResultSetFormat(request: request))
    }

    static func resultSet(_ runs: [PipelineRun]) -> ResultSet {
        ResultSet(
            title: title,
            columns: columns,
            rows: runs.map { run in
                [
                    run.id, run.experimentID, run.action.rawValue, run.target, run.status.rawValue,
                    timestamp(run.startedAt), run.finishedAt.map(timestamp) ?? "", run.detail,
                ]
            }
        )
    }

    /// `2024-01-02T03:04:05.678Z`.
    static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
