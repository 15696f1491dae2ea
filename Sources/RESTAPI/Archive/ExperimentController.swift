import Foundation
import Hummingbird
import Logging
import XNATImport

/// Archived experiments: the listing `GET /data/experiments` and `GET /data/projects/{P}/experiments` (with a
/// `quarantine_status` column), and quarantine release (`PUT …/experiments/{ID or label}?activate=true`, as
/// XNAT's item resources take it) or quarantine (`?quarantine=true`); ``ArchiveWriteController`` owns the `PUT` route
/// and hands these two to ``changeStatus(_:_:)``.
///
/// Only administrators change quarantine (a project owner may in XNAT; Sluice keeps quarantine a site decision).
struct ExperimentController {
    let store: any MetadataStore

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.archive("") {
            router.get(RouterPath(base + "/experiments")) { request, context in
                _ = try context.requireUser()
                var rows: [ArchivedExperiment] = []
                let readable = try await AccessService(store: store).projects(where: .read, for: try context.requireUser())
                for project in try await store.projects() where readable?.contains(project.id.rawValue) ?? true {
                    rows += try await store.experiments(project: project.id.rawValue)
                }
                return try await listing(rows).response(format: ResultSetFormat(request: request))
            }
            router.get(RouterPath(base + "/projects/:project/experiments")) { request, context in
                _ = try context.requireUser()
                let project = context.parameters.get("project") ?? ""
                guard let id = try? ProjectID(project), try await store.project(id: id) != nil else {
                    throw ProjectError(.notFound, message: "Project \(project) not found")
                }
                let rows = try await store.experiments(project: project)
                return try await listing(rows).response(format: ResultSetFormat(request: request))
            }
        }
    }

    func changeStatus(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let experiment = try await find(context)
        let query = request.uri.queryParameters
        let quarantine: Bool
        if query.get("activate")?.lowercased() == "true" {
            quarantine = false
        } else if query.get("quarantine")?.lowercased() == "true" {
            quarantine = true
        } else {
            throw ImportError(.invalidRequest, "Use activate=true or quarantine=true")
        }
        guard user.isAdministrator else {
            throw ImportError(.notPermitted, "Only administrators may change the quarantine status of \(experiment.id)")
        }
        _ = try await store.setQuarantined(quarantine, experimentID: experiment.id)
        context.logger.info(
            quarantine ? "Quarantined an experiment" : "Released an experiment from quarantine",
            metadata: ["experiment": "\(experiment.id)", LogMetadataKey.login: "\(user.login)"]
        )
        return Response.plainText(experiment.id)
    }

    /// The experiment named by ID, or by label within the `{P}` project.
    private func find(_ context: AppRequestContext) async throws -> ArchivedExperiment {
        let name = context.parameters.get("experiment") ?? ""
        if let experiment = try await store.experiment(id: name) { return experiment }
        if let project = context.parameters.get("project"),
            let experiment = try await store.experiment(project: project, label: name)
        {
            return experiment
        }
        throw ImportError(.notFound, "Unable to find the specified experiment.")
    }

    private func listing(_ experiments: [ArchivedExperiment]) async throws -> ResultSet {
        var subjects: [String: String] = [:]
        var rows: [[String]] = []
        for experiment in experiments {
            if subjects[experiment.subjectID] == nil {
                subjects[experiment.subjectID] = try await store.subject(id: experiment.subjectID)?.label ?? ""
            }
            rows.append([
                experiment.id, experiment.project, experiment.label, experiment.dataType, experiment.date ?? "",
                XNATDateText.timestamp(experiment.createdAt, timeZone: .current), experiment.subjectID,
                subjects[experiment.subjectID] ?? "", experiment.isQuarantined ? "quarantine" : "active",
                "/data/experiments/\(experiment.id)",
            ])
        }
        return ResultSet(
            title: "Experiments",
            columns: [
                "ID", "project", "label", "xsiType", "date", "insert_date", "subject_ID", "subject_label",
                "quarantine_status", "URI",
            ],
            rows: rows
        )
    }
}
