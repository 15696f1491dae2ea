import Foundation

/// An archive URI as services take it (`resource=` of the catalog refresh, `xnat-import-spec.md` §11):
/// `/archive/projects/P[/subjects/S][/experiments/E[/scans/X][/resources/R]]` or
/// `/archive/experiments/E[…]`, optionally after `/data` or `/REST`. Names are IDs or labels. Pure.
package struct ArchiveItemURI: Sendable, Equatable {
    /// The project, when the URI names one.
    package var project: String?
    /// The subject, when the URI names one.
    package var subject: String?
    /// The experiment, when the URI names one.
    package var experiment: String?
    /// The part of the experiment, when the URI names one.
    package var scope: CatalogRefreshScope = .session

    /// Parses `text`.
    ///
    /// - Throws: ``ImportError`` 400 `Invalid URI: …` for anything else, and 400 for a URI that names a file.
    package init(_ text: String) throws(ImportError) {
        var path = text.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        for prefix in ["/data/", "/REST/"] where path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count - 1)) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        let invalid = ImportError(.invalidRequest, "Invalid URI: \(text)")
        guard parts.first == "archive", parts.count >= 3 else { throw invalid }
        var index = 1
        func take(_ name: String) -> String? {
            guard index + 1 < parts.count, parts[index] == name else { return nil }
            defer { index += 2 }
            return parts[index + 1]
        }
        project = take("projects")
        if project != nil { subject = take("subjects") }
        experiment = take("experiments")
        guard project != nil || experiment != nil else { throw invalid }
        if experiment != nil {
            if let scan = take("scans") {
                scope = .scan(scan)
                if let resource = take("resources") { scope = .resource(.scan(scan), resource) }
            } else if let resource = take("resources") {
                scope = .resource(.session, resource)
            }
        }
        guard index == parts.count else {
            if parts[index...].contains("files") {
                throw ImportError(.invalidRequest, "Invalid URI: \(text) names a file; it must point to a resource")
            }
            throw invalid
        }
    }
}

extension ArchiveEditor {
    /// The experiments an archive URI covers, with the part of each: every experiment of a project or subject, or
    /// one experiment (by ID, or by label within the project).
    ///
    /// - Throws: ``ImportError`` 404 for a project, subject or experiment that does not exist.
    package func experiments(for uri: ArchiveItemURI) async throws -> [(ArchivedExperiment, CatalogRefreshScope)] {
        var subject: ArchivedSubject?
        if let project = uri.project {
            guard let id = try? ProjectID(project), try await store.project(id: id) != nil else {
                throw ImportError(.notFound, "Project \(project) not found")
            }
            if let name = uri.subject {
                if let found = try await store.subject(id: name), found.project == project {
                    subject = found
                } else {
                    subject = try await store.subject(project: project, label: name)
                }
                guard subject != nil else { throw ImportError(.notFound, "Subject \(name) not found") }
            }
        }
        guard let name = uri.experiment else {
            let all = try await store.experiments(project: uri.project ?? "")
            return all.filter { subject == nil || $0.subjectID == subject?.id }.map { ($0, .session) }
        }
        var experiment = try await store.experiment(id: name)
        if let found = experiment, let project = uri.project, found.project != project { experiment = nil }
        if experiment == nil, let project = uri.project {
            experiment = try await store.experiment(project: project, label: name)
        }
        guard let experiment, subject == nil || experiment.subjectID == subject?.id else {
            throw ImportError(.notFound, "Experiment \(name) not found")
        }
        return [(experiment, uri.scope)]
    }
}
