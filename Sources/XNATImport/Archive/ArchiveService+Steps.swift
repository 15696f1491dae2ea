import Foundation
import Logging

extension ArchiveService {
    /// §6.2 steps 2–19 for a READY session, under its prearchive lock; the row is ARCHIVING.
    func archiveLocked(_ row: PrearchiveSession, request: ArchiveRequest) async throws -> String {
        let key = row.key
        let options = request.options
        let incomingFolder = prearchive.layout.sessionFolder(of: key)
        let incomingDocument = prearchive.layout.sessionDocument(of: key)
        let incoming = try await BlockingWork.run {
            try Self.readContents(document: incomingDocument, folder: incomingFolder)
        }
        let projectID = request.project ?? key.project ?? ""
        guard let projectKey = try? ProjectID(projectID), let project = try await store.project(id: projectKey) else {
            throw ImportError(.invalidRequest, "unable to identify destination project: \(projectID)")
        }
        guard let label = Self.cleanLabel(request.label ?? incoming.document.label ?? row.name) else {
            throw ImportError(.invalidRequest, "unable to deduce session label")
        }
        let subjectText = request.subject ?? incoming.document.subjectID ?? row.subject ?? incoming.document.dicomPatientName
        guard let subjectLabel = subjectText.flatMap(Self.cleanLabel) else {
            throw ImportError(.invalidRequest, "Unable to identify subject.")
        }
        let lockKey = projectID + "/" + label.lowercased()
        return try await experimentLocks.withLock(lockKey) {
            let existing = try await self.store.experiment(project: projectID, label: label)
            var subject = try await self.findSubject(project: projectID, label: subjectLabel)
            // An existing session keeps its label as first written (labels match ignoring case).
            let label = existing?.label ?? label
            let sessionFolder = try self.layout.sessionFolder(project: projectID, label: label)
            var existingContents: SessionContents?
            var renames: [String: String] = [:]
            if let existing {
                let existingDocument = try self.layout.sessionDocument(project: projectID, label: existing.label)
                let contents = try await BlockingWork.run {
                    try Self.readContents(document: existingDocument, folder: sessionFolder)
                }
                try self.checkMerge(
                    incoming.document,
                    into: existing,
                    document: contents.document,
                    subject: subject,
                    label: label,
                    options: options
                )
                renames = try Self.scanRenames(incoming: incoming.document, existing: contents.document, options: options)
                existingContents = contents
            }
            if !options.overrideExceptions {
                try await BlockingWork.run { try Self.validate(incoming, folder: incomingFolder) }
            }
            if subject == nil {
                subject = try await self.store.createSubject(project: projectID, label: subjectLabel, createdAt: self.clock())
            }
            guard let subject else { throw ImportError(.serverFailure, "Could not create subject \(subjectLabel)") }
            let experimentID: String
            if let existing { experimentID = existing.id } else { experimentID = try await self.store.nextExperimentID() }
            var plan = try ArchiveMerge.plan(
                incoming: incoming,
                existing: existingContents,
                renames: renames,
                options: options
            )
            // The request's field parameters win over both documents; project, label and subject are set below.
            try plan.document.applyFields(request.fields, skipping: ["project", "label", "subject_ID"])
            plan.document.id = experimentID
            plan.document.project = projectID
            plan.document.label = label
            plan.document.subjectID = subject.id
            plan.document.prearchivePath = nil
            // XNAT gives a scan without a type its series description when it saves the session.
            for index in plan.document.scans.indices where (plan.document.scans[index].type ?? "").isEmpty {
                plan.document.scans[index].type = plan.document.scans[index].seriesDescription
            }
            let now = self.clock()
            let experiment = ArchivedExperiment(
                id: experimentID,
                project: projectID,
                subjectID: subject.id,
                label: label,
                dataType: plan.document.dataType.rawValue,
                uid: plan.document.uid,
                date: plan.document.date,
                isQuarantined: (existing?.isQuarantined ?? false) || options.quarantine
                    || project.quarantinesNewSessions,
                createdAt: existing?.createdAt ?? now,
                lastModified: now
            )
            try await self.commitArchive(
                plan,
                experiment: experiment,
                from: key,
                incomingFolder: incomingFolder,
                sessionFolder: sessionFolder,
                existingFolder: existing == nil ? nil : sessionFolder
            )
            self.logger.info(
                "Archived a session",
                metadata: [
                    "prearchive.session": "\(key.url)", "experiment": "\(experimentID)",
                    "files": "\(plan.placements.count)",
                ]
            )
            if options.triggerPipelines {
                await self.launchPipelines(experiment: experiment, subjectLabel: subject.label, folder: sessionFolder)
            }
            return ArchiveLayout.uri(project: projectID, subjectLabel: subject.label, label: label)
        }
    }

    /// A subject of the project by label (ignoring case), else by ID.
    private func findSubject(project: String, label: String) async throws -> ArchivedSubject? {
        if let subject = try await store.subject(project: project, label: label) { return subject }
        if let subject = try await store.subject(id: label), subject.project == project { return subject }
        return nil
    }

    /// Labels become `[A-Za-z0-9_-]`, as everywhere else; `nil` when nothing is left.
    static func cleanLabel(_ text: String) -> String? {
        LabelSanitizer.label(text.trimmingASCIIWhitespace())
    }

    /// The document and the catalogs its scan resources point to. Blocking IO.
    static func readContents(document: URL, folder: URL) throws -> SessionContents {
        let data: Data
        do {
            data = try Data(contentsOf: document)
        } catch {
            throw ImportError(.invalidRequest, "The session has no session document; build it first")
        }
        let parsed = try SessionDocument(xml: data)
        var catalogs: [String: CatalogDocument] = [:]
        for scan in parsed.scans {
            for resource in scan.resources where !resource.uri.isEmpty {
                let url = folder.appendingPathComponent(resource.uri, isDirectory: false)
                guard let bytes = try? Data(contentsOf: url) else {
                    throw ImportError(.invalidRequest, "Expected a catalog file, however it was missing.")
                }
                catalogs[resource.uri] = try CatalogDocument(xml: bytes)
            }
        }
        return SessionContents(document: parsed, catalogs: catalogs)
    }
}
