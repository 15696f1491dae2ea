import Foundation
import Hummingbird
import XNATImport

/// Reading the archive the way XNAT clients do (`xnat-clients.md` §1.4, §2.5), under `/data`, `/data/archive`
/// and `/REST`:
///
/// * `GET /data/projects/{P}/subjects` — the subjects listing;
/// * `GET /data/subjects/{SID}`, `GET /data/projects/{P}/subjects/{S}` — a subject as `items` JSON;
/// * `GET /data/projects/{P}/subjects/{S}/experiments` — the subject's experiments listing;
/// * `GET /data/experiments/{EID}`, `…/projects/{P}/experiments/{E}`, `…/projects/{P}/subjects/{S}/experiments/{E}`
///   — a session as `items` JSON (default) or its document (`format=xml`);
/// * below each experiment, its scans, scan resources, files and file bytes (`ArchiveReadController+Scans`).
///
/// Subjects and experiments are named by ID or by label within the project. Reading needs read access to the
/// project (``AccessMiddleware``; listings across projects are filtered here). Unknown objects answer 404 in plain
/// text.
struct ArchiveReadController {
    let store: any MetadataStore
    let layout: ArchiveLayout
    /// The time zone of `insert_date` values.
    var timeZone: TimeZone = .current

    /// Reads `services`' store and archive; `insert_date` in the prearchive's time zone.
    init(services: AppServices) {
        store = services.store
        layout = services.archive.layout
        timeZone = services.prearchive.configuration.timeZone
    }

    /// The three spellings of one experiment below a base.
    static let experimentPaths = [
        "/experiments/:experiment", "/projects/:project/experiments/:experiment",
        "/projects/:project/subjects/:subject/experiments/:experiment",
    ]

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.archive("") {
            router.get(RouterPath(base + "/projects/:project/subjects")) { request, context in
                try await listSubjects(request, context)
            }
            router.get(RouterPath(base + "/subjects")) { request, context in
                try await listSubjects(request, context)
            }
            for path in ["/subjects/:subject", "/projects/:project/subjects/:subject"] {
                router.get(RouterPath(base + path)) { request, context in try await showSubject(request, context) }
            }
            router.get(RouterPath(base + "/projects/:project/subjects/:subject/experiments")) { request, context in
                try await listSubjectExperiments(request, context)
            }
            for path in Self.experimentPaths {
                router.get(RouterPath(base + path)) { request, context in try await showExperiment(request, context) }
                addScanRoutes(to: router, experimentPath: base + path)
            }
        }
    }

    // MARK: - Subjects

    /// `GET …/projects/{P}/subjects` and `GET /data/subjects` (every project's):
    /// `ID, label, project, insert_date, insert_user, group, URI`.
    private func listSubjects(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        var subjects: [ArchivedSubject] = []
        if context.parameters.get("project") != nil {
            subjects = try await store.subjects(project: try await findProject(context))
        } else {
            let readable = try await AccessService(store: store).projects(where: .read, for: try context.requireUser())
            for project in try await store.projects() where readable?.contains(project.id.rawValue) ?? true {
                subjects += try await store.subjects(project: project.id.rawValue)
            }
        }
        let rows = subjects.map { subject in
            [
                subject.id, subject.label, subject.project, insertDate(subject.createdAt), "", "",
                "/data/subjects/\(subject.id)",
            ]
        }
        let table = ResultSet(
            title: "Subjects",
            columns: ["ID", "label", "project", "insert_date", "insert_user", "group", "URI"],
            rows: rows
        )
        return table.response(format: ResultSetFormat(request: request))
    }

    /// `GET …/subjects/{S}`: `items` JSON, or a small `xnat:Subject` document for `format=xml`.
    private func showSubject(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let subject = try await findSubject(context)
        if ResultSetFormat(request: request) == .xml {
            var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xnat:Subject"
            for (name, value) in [("ID", subject.id), ("project", subject.project), ("label", subject.label)] {
                text += " \(name)=\"\(XMLEscaping.escaped(value, in: .attribute))\""
            }
            text +=
                " xmlns:xnat=\"http://nrg.wustl.edu/xnat\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>\n"
            return Response.text(text, contentType: ResultSetFormat.xml.contentType)
        }
        let item = ItemsDocument.Item(
            type: "xnat:subjectData",
            fields: [
                ("ID", subject.id), ("label", subject.label), ("project", subject.project),
                ("insert_date", insertDate(subject.createdAt)),
            ]
        )
        return ItemsDocument(items: [item]).response()
    }

    /// `GET …/projects/{P}/subjects/{S}/experiments`: the experiments listing's columns.
    private func listSubjectExperiments(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let subject = try await findSubject(context)
        let rows = try await store.experiments(project: subject.project).filter { $0.subjectID == subject.id }
        let table = ResultSet(
            title: "Experiments",
            columns: [
                "ID", "project", "label", "xsiType", "date", "insert_date", "subject_ID", "subject_label",
                "quarantine_status", "URI",
            ],
            rows: rows.map { experiment in
                [
                    experiment.id, experiment.project, experiment.label, experiment.dataType, experiment.date ?? "",
                    insertDate(experiment.createdAt), experiment.subjectID, subject.label,
                    experiment.isQuarantined ? "quarantine" : "active", "/data/experiments/\(experiment.id)",
                ]
            }
        )
        return table.response(format: ResultSetFormat(request: request))
    }

    // MARK: - Experiments

    /// `GET …/experiments/{E}`: `items` JSON with the scans as children, the document for `format=xml`, or every
    /// catalogued file for `format=zip` (as `…/scans/ALL/files?format=zip`, plus the session's own resources).
    private func showExperiment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let experiment = try await findExperiment(context)
        if request.uri.queryParameters.get("format")?.lowercased() == "zip" {
            return try sessionZip(experiment)
        }
        if request.uri.queryParameters.get("format")?.lowercased() == "xml" {
            let bytes = try documentData(experiment)
            return Response(
                status: .ok,
                headers: [.contentType: "text/xml; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
        let document = try sessionDocument(experiment)
        return ItemsDocument(items: [
            Self.item(experiment, document: document, insertDate: insertDate(experiment.createdAt))
        ])
        .response()
    }

    /// The session's `items` entry: the record's identity, the document's values, and `scans/scan` children.
    static func item(
        _ experiment: ArchivedExperiment,
        document: SessionDocument,
        insertDate: String
    ) -> ItemsDocument.Item {
        let scans = document.scans.map { scan in
            ItemsDocument.Item(
                type: scan.dataType.rawValue,
                fields: [
                    ("ID", scan.id), ("type", scan.type), ("series_description", scan.seriesDescription),
                    ("UID", scan.uid), ("frames", scan.frames.map(String.init)), ("quality", scan.quality),
                    ("condition", scan.condition), ("note", scan.note), ("series_class", scan.seriesClass),
                    ("modality", scan.modality), ("startTime", scan.startTime), ("start_date", scan.startDate),
                    ("image_session_ID", experiment.id), ("project", experiment.project),
                ]
            )
        }
        return ItemsDocument.Item(
            type: document.dataType.rawValue,
            fields: [
                ("ID", experiment.id), ("label", experiment.label), ("project", experiment.project),
                ("subject_ID", experiment.subjectID), ("date", document.date ?? experiment.date),
                ("time", document.time), ("UID", document.uid ?? experiment.uid), ("modality", document.modality),
                ("session_type", document.sessionType), ("visit_id", document.visitID), ("visit", document.visit),
                ("study_id", document.studyID), ("note", document.note), ("acquisition_site", document.acquisitionSite),
                ("scanner", document.scanner?.name), ("scanner/manufacturer", document.scanner?.manufacturer),
                ("scanner/model", document.scanner?.model), ("operator", document.operatorName),
                ("dcmAccessionNumber", document.dicomAccessionNumber), ("dcmPatientId", document.dicomPatientID),
                ("dcmPatientName", document.dicomPatientName), ("insert_date", insertDate),
            ],
            children: scans.isEmpty ? [] : [(field: "scans/scan", items: scans)]
        )
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS` in ``timeZone``, as XNAT writes `insert_date`.
    func insertDate(_ date: Date) -> String {
        XNATDateText.timestamp(date, timeZone: timeZone)
    }
}
