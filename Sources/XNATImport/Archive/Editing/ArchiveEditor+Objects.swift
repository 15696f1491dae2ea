import Foundation
import Logging

/// Creating and updating subjects, experiments, scans and resources with `PUT` (`xnat-clients.md` §2.5).
extension ArchiveEditor {
    /// `PUT /data/projects/{P}/subjects/{name}`: the subject whose ID or label is `name`, or a new one labelled
    /// `label` (the `xnat:subjectData/label` field) or else `name`.
    ///
    /// Sluice keeps a subject's ID, label and project only; other subject fields (`group`, demographics) are
    /// accepted and not stored.
    package func putSubject(
        project: String,
        name: String,
        label: String?
    ) async throws -> (ArchivedSubject, WriteOutcome) {
        if let subject = try await store.subject(id: name), subject.project == project { return (subject, .updated) }
        if let subject = try await store.subject(project: project, label: name) { return (subject, .updated) }
        let wanted = label ?? name
        guard let clean = LabelSanitizer.label(wanted), clean == wanted else {
            throw ImportError(.invalidRequest, "Invalid subject label \(wanted): use letters, digits, '_' and '-'")
        }
        if let subject = try await store.subject(project: project, label: clean) { return (subject, .updated) }
        let subject = try await store.createSubject(project: project, label: clean, createdAt: clock())
        logger.info("Created a subject", metadata: ["subject": "\(subject.id)", "project": "\(project)"])
        return (subject, .created)
    }

    /// `PUT …/experiments/{name}?xsiType=…`: updates the fields of the experiment whose ID or label is `name`, or
    /// creates an empty image session of type `dataType` for `subject` with the fields given (XML paths such as
    /// `xnat:mrSessionData/date` or shortcuts such as `date`).
    ///
    /// - Throws: ``ImportError`` 400 without a subject or type for a new experiment, for a type that is not an
    ///   image session, an invalid label, a field Sluice does not keep, or a change of label or subject.
    package func putExperiment(
        project: String,
        subject: ArchivedSubject?,
        name: String,
        dataType: String?,
        fields: [String: String]
    ) async throws -> (ArchivedExperiment, WriteOutcome) {
        var existing = try await store.experiment(id: name)
        if let found = existing, found.project != project { existing = nil }
        if existing == nil { existing = try await store.experiment(project: project, label: name) }
        let label = Self.fieldValue("label", in: fields)
        if let existing {
            return (try await updateExperiment(existing, subject: subject, label: label, dataType: dataType, fields: fields), .updated)
        }
        guard let subject else {
            throw ImportError(.invalidRequest, "A new experiment needs a subject: use …/subjects/{S}/experiments/\(name)")
        }
        guard let dataType, let type = ImageSessionDataType(rawValue: dataType) else {
            throw ImportError(
                .invalidRequest,
                dataType == nil ? "xsiType is required to create an experiment" : "Sluice keeps image sessions only; \(dataType ?? "") is not one"
            )
        }
        let wanted = label ?? name
        guard let clean = LabelSanitizer.label(wanted), clean == wanted else {
            throw ImportError(.invalidRequest, "Invalid experiment label \(wanted): use letters, digits, '_' and '-'")
        }
        return (try await createExperiment(project: project, subject: subject, label: clean, type: type, fields: fields), .created)
    }

    private func createExperiment(
        project: String,
        subject: ArchivedSubject,
        label: String,
        type: ImageSessionDataType,
        fields: [String: String]
    ) async throws -> ArchivedExperiment {
        var template = SessionDocument(dataType: type, project: project, label: label, subjectID: subject.id)
        try template.applyFields(fields, skipping: Self.fixedSessionFields)
        let now = clock()
        let blank = ArchivedExperiment(
            id: "", project: project, subjectID: subject.id, label: label, dataType: type.rawValue,
            uid: template.uid, date: template.date, createdAt: now, lastModified: now
        )
        let initial = template
        let lockKey = project + "/" + label.lowercased()
        return try await archive.experimentLocks.withLock(lockKey) {
            guard try await self.store.experiment(project: project, label: label) == nil else {
                throw ImportError(.conflict, "Experiment \(label) was created by another request; try again")
            }
            let folder = try self.layout.sessionFolder(project: project, label: label)
            guard !FileManager.default.fileExists(atPath: folder.path) else {
                throw ImportError(.conflict, "The archive already has a folder for \(label) that no experiment owns")
            }
            var experiment = blank
            experiment.id = try await self.store.nextExperimentID()
            var document = initial
            document.id = experiment.id
            let toWrite = document
            let written = experiment
            try await BlockingWork.run {
                try AtomicFile.createFolder(folder)
                try self.writeDocument(toWrite, of: written)
            }
            do {
                try await self.store.saveExperiment(experiment)
            } catch {
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
            self.logger.info("Created an experiment", metadata: ["experiment": "\(experiment.id)", "project": "\(project)"])
            return experiment
        }
    }

    private func updateExperiment(
        _ experiment: ArchivedExperiment,
        subject: ArchivedSubject?,
        label: String?,
        dataType: String?,
        fields: [String: String]
    ) async throws -> ArchivedExperiment {
        if let label, label.lowercased() != experiment.label.lowercased() {
            throw ImportError(.notImplemented, "Sluice does not rename experiments (\(experiment.label) to \(label))")
        }
        if let subject, subject.id != experiment.subjectID {
            throw ImportError(.conflict, "Experiment \(experiment.label) belongs to another subject")
        }
        if let dataType, dataType != experiment.dataType {
            throw ImportError(.conflict, "Experiment \(experiment.label) is a \(experiment.dataType), not a \(dataType)")
        }
        let changes = fields.filter { SessionDocument.isFieldParameter($0.key) }
        guard !changes.isEmpty else { return experiment }
        return try await withLock(experiment) {
            var document = try await BlockingWork.run { try self.readDocument(experiment) }
            try document.applyFields(changes, skipping: Self.fixedSessionFields)
            let toWrite = document
            try await BlockingWork.run { try self.writeDocument(toWrite, of: experiment) }
            return try await self.touch(experiment, document: document)
        }
    }

    /// `PUT …/experiments/{E}/scans/{id}?xsiType=…`: creates the scan (type required) or updates its fields
    /// (`xnat:mrScanData/type`, `type`, `series_description`, `quality`, `note`, …).
    package func putScan(
        _ experiment: ArchivedExperiment,
        id: String,
        dataType: String?,
        fields: [String: String]
    ) async throws -> (SessionDocument.Scan, WriteOutcome) {
        let scanID = try PrearchivePathComponent.validated(id, role: .scan)
        return try await withLock(experiment) {
            var document = try await BlockingWork.run { try self.readDocument(experiment) }
            let outcome: WriteOutcome
            let index: Int
            if let found = document.scans.firstIndex(where: { $0.id == scanID }) {
                if let dataType, dataType != document.scans[found].dataType.rawValue {
                    throw ImportError(.conflict, "Scan \(scanID) is a \(document.scans[found].dataType.rawValue), not a \(dataType)")
                }
                index = found
                outcome = .updated
            } else {
                guard let dataType, let type = ImageScanDataType(rawValue: dataType) else {
                    throw ImportError(
                        .invalidRequest,
                        dataType == nil ? "xsiType is required to create a scan" : "\(dataType ?? "") is not an image scan type"
                    )
                }
                document.scans.append(SessionDocument.Scan(id: scanID, dataType: type))
                index = document.scans.count - 1
                outcome = .created
            }
            try document.scans[index].applyFields(fields)
            if document.scans[index].id != scanID {
                throw ImportError(.invalidRequest, "A scan's ID is set by its URL (\(scanID))")
            }
            let toWrite = document
            try await BlockingWork.run { try self.writeDocument(toWrite, of: experiment) }
            _ = try await self.touch(experiment)
            return (document.scans[index], outcome)
        }
    }

    /// `PUT …/resources/{label}`: creates an empty catalog resource of `owner` (`format`, `content`, `description`
    /// from the request), or finds the existing one (its fields are updated when given).
    package func putResource(
        _ experiment: ArchivedExperiment,
        owner: ResourceOwner,
        label: String,
        format: String? = nil,
        content: String? = nil,
        description: String? = nil
    ) async throws -> (SessionDocument.Resource, WriteOutcome) {
        try await withLock(experiment) {
            var document = try await BlockingWork.run { try self.readDocument(experiment) }
            let (resource, outcome) = try await self.ensureResource(
                in: &document, owner: owner, label: label, format: format, content: content, description: description,
                experiment: experiment
            )
            let toWrite = document
            try await BlockingWork.run { try self.writeDocument(toWrite, of: experiment) }
            if outcome == .created { _ = try await self.touch(experiment) }
            return (resource, outcome)
        }
    }

    /// The resource `label` of `owner` in `document`, created with an empty catalog on disk if missing; the lock
    /// must be held. The document is changed in memory only.
    func ensureResource(
        in document: inout SessionDocument,
        owner: ResourceOwner,
        label: String,
        format: String?,
        content: String?,
        description: String?,
        experiment: ArchivedExperiment
    ) async throws -> (SessionDocument.Resource, WriteOutcome) {
        guard document.resources(of: owner) != nil else { throw ImportError(.notFound, "Scan \(owner) not found") }
        if var resource = document.resource(label, of: owner) {
            let old = resource
            if let format { resource.format = format }
            if let content { resource.content = content }
            if let description { resource.description = description }
            if resource != old {
                document.updateResources(of: owner) { resources in
                    if let index = resources.firstIndex(of: old) { resources[index] = resource }
                }
            }
            return (resource, .updated)
        }
        let (resource, catalog) = try Self.newResource(
            owner: owner, label: label, format: format, content: content, description: description
        )
        let catalogURL = try sessionFolder(experiment).appendingPathComponent(resource.uri, isDirectory: false)
        let catalogData = catalog.xmlData()
        try await BlockingWork.run { try AtomicFile.write(catalogData, to: catalogURL) }
        document.updateResources(of: owner) { $0.append(resource) }
        return (resource, .created)
    }

    /// A new catalog resource of `owner` and its empty catalog: `<folder>/<label>_catalog.xml`, where the folder is
    /// `RESOURCES/<label>` or `SCANS/<scan>/<label>`.
    static func newResource(
        owner: ResourceOwner,
        label: String,
        format: String?,
        content: String?,
        description: String?
    ) throws(ImportError) -> (SessionDocument.Resource, CatalogDocument) {
        guard let clean = LabelSanitizer.label(label), clean == label else {
            throw ImportError(.invalidRequest, "Invalid resource label \(label): use letters, digits, '_' and '-'")
        }
        var resource = SessionDocument.Resource(
            kind: .catalog, label: clean, uri: "\(owner.folder(label: clean))/\(clean)_catalog.xml", format: format,
            content: content, fileCount: 0, fileSize: 0
        )
        resource.description = description
        var catalog = CatalogDocument(kind: .plain)
        catalog.id = clean
        return (resource, catalog)
    }

    /// Session fields that the URL and the subject decide, never a request field.
    static let fixedSessionFields: Set<String> = ["project", "label", "subject_ID"]

    /// The value of field `name` given as a shortcut or as an XML path (`xnat:mrSessionData/label`).
    package static func fieldValue(_ name: String, in fields: [String: String]) -> String? {
        if let value = fields[name], !value.isEmpty { return value }
        return fields.first { SessionDocument.fieldPath($0.key) == name && !$0.value.isEmpty }?.value
    }
}
