import Foundation
import Hummingbird
import Logging
import XNATImport

/// Changing the archive with XNAT's REST writes (`xnat-clients.md` §2.5, §3, §8 tier D), under `/data`,
/// `/data/archive` and `/REST`:
///
/// * `PUT …/projects/{P}/subjects/{S}` — a subject (201 and its ID when new, 200 when it exists); `DELETE` with
///   its experiments;
/// * `PUT …/experiments/{E}?xsiType=…` (the three spellings of ``ArchiveReadController/experimentPaths``) — an
///   image session, or its fields; on an existing one also `activate`/`quarantine` (``ExperimentController``),
///   `pullDataFromHeaders`, `fixScanTypes` and `triggerPipelines`; `DELETE` with `removeFiles`;
/// * `PUT|DELETE …/experiments/{E}/scans/{id}` — a scan;
/// * `PUT|DELETE …/experiments/{E}[/scans/{id}]/resources/{R}` and `PUT|POST|DELETE …/resources/{R}/files/{path}`
///   (``ArchiveWriteController+Resources``).
///
/// Fields come as query parameters: `req_format=qs` XML paths (`xnat:mrSessionData/date`) or shortcuts (`date`).
/// Writing needs edit access to the project, deleting experiments, subjects and scans an owner (``AccessRules``).
struct ArchiveWriteController {
    let editor: ArchiveEditor
    let lookup: ArchiveReadController
    let status: ExperimentController
    let receiver: UploadReceiver

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.archive("") {
            router.put(RouterPath(base + "/projects/:project/subjects/:subject")) { request, context in
                try await putSubject(request, context)
            }
            router.delete(RouterPath(base + "/projects/:project/subjects/:subject")) { request, context in
                try await deleteSubject(request, context)
            }
            for path in ArchiveReadController.experimentPaths {
                let experiment = base + path
                router.put(RouterPath(experiment)) { request, context in try await putExperiment(request, context) }
                router.delete(RouterPath(experiment)) { request, context in
                    try await deleteExperiment(request, context)
                }
                router.put(RouterPath(experiment + "/scans/:scan")) { request, context in
                    try await putScan(request, context)
                }
                router.delete(RouterPath(experiment + "/scans/:scan")) { _, context in
                    try await deleteScan(context)
                }
                addResourceRoutes(to: router, owner: experiment)
                addResourceRoutes(to: router, owner: experiment + "/scans/:scan")
            }
        }
    }

    /// The query parameters, first value of each.
    static func fields(_ request: Request) -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in request.decodedQueryParameters where fields[key] == nil {
            fields[key] = value
        }
        return fields
    }

    /// `xsiType`, when given.
    static func dataType(_ fields: [String: String]) -> String? {
        fields["xsiType"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// 201 with the ID for a new object, 200 with it for an existing one; xnatpy reads the ID from the body.
    static func written(_ id: String, _ outcome: WriteOutcome) -> Response {
        var response = Response.plainText(id)
        response.status = outcome == .created ? .created : .ok
        return response
    }

    private func putSubject(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let project = try await lookup.findProject(context)
        let fields = Self.fields(request)
        if let type = Self.dataType(fields), type != "xnat:subjectData" {
            throw ImportError(.invalidRequest, "\(type) is not a subject type; use xnat:subjectData")
        }
        let (subject, outcome) = try await editor.putSubject(
            project: project,
            name: ArchiveReadController.parameter("subject", context),
            label: ArchiveEditor.fieldValue("label", in: fields)
        )
        return Self.written(subject.id, outcome)
    }

    /// `DELETE …/projects/{P}/subjects/{S}[?removeFiles=true]`: the subject and its experiments.
    private func deleteSubject(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let subject = try await lookup.findSubject(context)
        let removeFiles = request.uri.queryParameters.get("removeFiles")?.lowercased() == "true"
        try await editor.deleteSubject(subject, removeFiles: removeFiles)
        context.logger.info(
            "Deleted a subject",
            metadata: ["subject": "\(subject.id)", LogMetadataKey.login: "\(user.login)"]
        )
        return Response(status: .ok)
    }

    private func putExperiment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = Self.fields(request)
        if fields["activate"]?.lowercased() == "true" || fields["quarantine"]?.lowercased() == "true" {
            return try await status.changeStatus(request, context)
        }
        let user = try context.requireUser()
        let hooks = ["pullDataFromHeaders", "fixScanTypes", "triggerPipelines"].filter {
            fields[$0]?.lowercased() == "true"
        }
        if !hooks.isEmpty {
            let experiment = try await lookup.findExperiment(context)
            if hooks.contains("pullDataFromHeaders") { _ = try await editor.pullDataFromHeaders(experiment) }
            if hooks.contains("fixScanTypes") { _ = try await editor.fixScanTypes(experiment) }
            if hooks.contains("triggerPipelines") { try await editor.triggerPipelines(experiment) }
            context.logger.info(
                "Ran post-upload requests on an experiment",
                metadata: ["experiment": "\(experiment.id)", "requests": "\(hooks)", LogMetadataKey.login: "\(user.login)"]
            )
            return Response.plainText(experiment.id)
        }
        var project: String?
        var subject: ArchivedSubject?
        if context.parameters.get("subject") != nil {
            subject = try await lookup.findSubject(context)
            project = subject?.project
        } else if context.parameters.get("project") != nil {
            project = try await lookup.findProject(context)
            if let name = ArchiveEditor.fieldValue("subject_ID", in: fields), let project {
                subject = try await findSubject(name, project: project)
            }
        }
        guard let project else {
            // `PUT /data/experiments/{ID}` names no project: only an existing experiment can be updated there.
            let experiment = try await lookup.findExperiment(context)
            let (updated, _) = try await editor.putExperiment(
                project: experiment.project, subject: nil, name: experiment.id, dataType: Self.dataType(fields),
                fields: fields
            )
            return Self.written(updated.id, .updated)
        }
        let (experiment, outcome) = try await editor.putExperiment(
            project: project,
            subject: subject,
            name: ArchiveReadController.parameter("experiment", context),
            dataType: Self.dataType(fields),
            fields: fields
        )
        return Self.written(experiment.id, outcome)
    }

    /// A subject of `project` by ID or label, or 404.
    private func findSubject(_ name: String, project: String) async throws -> ArchivedSubject {
        if let subject = try await lookup.store.subject(id: name), subject.project == project {
            return subject
        }
        if let subject = try await lookup.store.subject(project: project, label: name) {
            return subject
        }
        throw ImportError(.notFound, "Subject \(name) not found")
    }

    private func deleteExperiment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let experiment = try await lookup.findExperiment(context)
        let removeFiles = request.uri.queryParameters.get("removeFiles")?.lowercased() == "true"
        try await editor.deleteExperiment(experiment, removeFiles: removeFiles)
        context.logger.info(
            "Deleted an experiment",
            metadata: ["experiment": "\(experiment.id)", LogMetadataKey.login: "\(user.login)"]
        )
        return Response(status: .ok)
    }

    private func putScan(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let experiment = try await lookup.findExperiment(context)
        let fields = Self.fields(request)
        let (scan, outcome) = try await editor.putScan(
            experiment,
            id: ArchiveReadController.parameter("scan", context),
            dataType: Self.dataType(fields),
            fields: fields
        )
        return Self.written(scan.id, outcome)
    }

    private func deleteScan(_ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let experiment = try await lookup.findExperiment(context)
        try await editor.deleteScan(experiment, id: ArchiveReadController.parameter("scan", context))
        return Response(status: .ok)
    }
}
