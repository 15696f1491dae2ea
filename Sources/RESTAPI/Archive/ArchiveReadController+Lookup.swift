import Foundation
import Hummingbird
import XNATImport

/// Finding the objects a read names: projects by ID, subjects and experiments by ID or by label within the
/// project, and the session document and catalogs of an experiment on disk.
extension ArchiveReadController {
    /// The path parameter `name`, percent-decoded (the router matches the raw path); empty when absent.
    static func parameter(_ name: String, _ context: AppRequestContext) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// The path after `/files/` (the route's `**`), percent-decoded; empty when the URL ends at `/files`.
    static func filePath(_ context: AppRequestContext) -> String {
        let raw = context.parameters.getCatchAll().joined(separator: "/")
        return raw.removingPercentEncoding ?? raw
    }

    /// The `{project}` parameter's project ID, or 404.
    func findProject(_ context: AppRequestContext) async throws -> String {
        let name = Self.parameter("project", context)
        guard let id = try? ProjectID(name), let project = try await store.project(id: id) else {
            throw ImportError(.notFound, "Project \(name) not found")
        }
        return project.id.rawValue
    }

    /// The `{subject}` parameter's subject: by ID, or by label within `{project}`; 404 if it is not (there).
    func findSubject(_ context: AppRequestContext) async throws -> ArchivedSubject {
        let name = Self.parameter("subject", context)
        var project: String?
        if context.parameters.get("project") != nil {
            project = try await findProject(context)
        }
        if let subject = try await store.subject(id: name), project == nil || subject.project == project {
            return subject
        }
        if let project, let subject = try await store.subject(project: project, label: name) {
            return subject
        }
        throw ImportError(.notFound, "Subject \(name) not found")
    }

    /// The `{experiment}` parameter's experiment: by ID, or by label within `{project}`, and of `{subject}` when
    /// the path names one; 404 otherwise.
    func findExperiment(_ context: AppRequestContext) async throws -> ArchivedExperiment {
        let name = Self.parameter("experiment", context)
        var project: String?
        var subject: ArchivedSubject?
        if context.parameters.get("subject") != nil {
            subject = try await findSubject(context)
            project = subject?.project
        } else if context.parameters.get("project") != nil {
            project = try await findProject(context)
        }
        var experiment = try await store.experiment(id: name)
        if let found = experiment, let project, found.project != project {
            experiment = nil
        }
        if experiment == nil, let project {
            experiment = try await store.experiment(project: project, label: name)
        }
        guard let experiment, subject == nil || experiment.subjectID == subject?.id else {
            throw ImportError(.notFound, "Experiment \(name) not found")
        }
        return experiment
    }

    /// The experiment's folder in the archive.
    func sessionFolder(_ experiment: ArchivedExperiment) throws -> URL {
        try layout.sessionFolder(project: experiment.project, label: experiment.label).standardizedFileURL
    }

    /// The bytes of the experiment's `<label>.xml`.
    func documentData(_ experiment: ArchivedExperiment) throws -> Data {
        let url = try layout.sessionDocument(project: experiment.project, label: experiment.label)
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ImportError(.serverFailure, "The session document of \(experiment.id) cannot be read")
        }
    }

    /// The experiment's session document.
    func sessionDocument(_ experiment: ArchivedExperiment) throws -> SessionDocument {
        let data = try documentData(experiment)
        do {
            return try SessionDocument(xml: data)
        } catch {
            throw ImportError(.serverFailure, "The session document of \(experiment.id) cannot be parsed")
        }
    }

    /// The `{scan}` parameter's scan of `document`, or 404.
    func findScan(_ context: AppRequestContext, in document: SessionDocument) throws -> SessionDocument.Scan {
        let name = Self.parameter("scan", context)
        guard let scan = document.scans.first(where: { $0.id == name }) else {
            throw ImportError(.notFound, "Scan \(name) not found")
        }
        return scan
    }

    /// The file at `path` (relative to `base`, or absolute), if it lies inside `folder`; `nil` if it escapes.
    static func contained(_ path: String, base: URL, in folder: URL) -> URL? {
        let url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path))
            .standardizedFileURL
        let root = folder.standardizedFileURL.path
        return url.path.hasPrefix(root.hasSuffix("/") ? root : root + "/") ? url : nil
    }

    /// The catalog file of `resource` and the catalog, or `nil` when the resource has none that can be read.
    func catalog(of resource: SessionDocument.Resource, in folder: URL) -> (url: URL, catalog: CatalogDocument)? {
        guard resource.kind == .catalog,
            let url = Self.contained(resource.uri, base: folder, in: folder),
            let data = try? Data(contentsOf: url),
            let catalog = try? CatalogDocument(xml: data)
        else { return nil }
        return (url, catalog)
    }
}
