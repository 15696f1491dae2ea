import Foundation
import Logging
import Unpacking

/// The `XAR` handler (`xnat-import-spec.md` §8): a zip or tar(.gz) holding an XNAT session document at its top and
/// the session's files, loaded into the archive as they are — no DICOM reading, no merge.
///
/// - The root is the extracted folder, or its only sub-folder when it holds nothing else.
/// - Every top-level `*.xml` file is read (external entities and DTDs refused); exactly one image session document
///   is accepted. Scan, reconstruction and assessor XARs are answered 501 (Sluice keeps none of those on their own).
/// - Project: `project`/`PROJECT_ID`, else the document's; it must exist (400 `… Invalid project tag.`). Subject:
///   `subject`/`SUBJECT_ID`, else the document's `subject_ID`, as an ID or label in the project; a subject ID of
///   another project stands for that subject's label; a label that does not exist yet is created (XNAT refuses it;
///   Sluice creates it, as archiving does). Label: `session`/`EXPT_LABEL`/`label`, else the document's.
/// - An experiment with that label in the project is 409, unless `overwrite=delete` (or `override`) replaces it.
///   The document's ID is kept if no other experiment has it; otherwise a new one is allocated.
/// - Resource URIs are relative to the session folder; every catalog must be in the XAR, and every catalog entry's
///   file too, with the MD5 its `digest` names (400 otherwise), so a damaged XAR never lands.
/// - The folder is moved into the archive in one rename, then the experiment is recorded. The answer is
///   `/data/archive/experiments/<ID>`.
struct XARImporter {
    let service: ImportService

    var store: any MetadataStore { service.archive.store }

    func importUpload(
        _ upload: ImportUpload?,
        parameters: [String: String],
        user: User
    ) async throws -> [String] {
        guard let upload else { throw ImportError(.invalidRequest, "Unable to identify upload format.") }
        let folder = service.stagingFolder.appendingPathComponent(".xar-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let contents = try await BlockingWork.run { try Self.unpack(upload.file, into: folder) }
        guard case .session(let root, let documentURL, let document) = contents else {
            guard case .scans(let root, let scans) = contents else { return [] }
            return try await importScans(scans, root: root, parameters: parameters, user: user)
        }
        let value = { (names: [String]) -> String? in
            names.lazy.compactMap { parameters[$0]?.trimmingASCIIWhitespace() }.first { !$0.isEmpty }
        }
        let projectID = value(["project", "PROJECT_ID"]) ?? document.project ?? ""
        guard let key = try? ProjectID(projectID), try await store.project(id: key) != nil else {
            throw ImportError(.invalidRequest, "Could not process XAR file - Invalid project tag.")
        }
        try await AccessService(store: store).require(.edit, user, in: projectID)
        let subject = try await resolveSubject(value(["subject", "SUBJECT_ID"]) ?? document.subjectID, project: projectID)
        guard let label = (value(["session", "EXPT_LABEL", "label"]) ?? document.label).flatMap(ArchiveService.cleanLabel)
        else {
            throw ImportError(.invalidRequest, "unable to deduce session label")
        }
        let overwrite = ["delete", "override"].contains(parameters["overwrite"]?.lowercased() ?? "")
        let archive = service.archive
        return try await archive.experimentLocks.withLock(projectID + "/" + label.lowercased()) {
            let existing = try await store.experiment(project: projectID, label: label)
            if existing != nil, !overwrite {
                throw ImportError(.conflict, "Experiment \(label) already exists in project \(projectID); use overwrite=delete to replace it")
            }
            var id = existing?.id
            if id == nil, let wanted = document.id, try await store.experiment(id: wanted) == nil { id = wanted }
            if id == nil { id = try await store.nextExperimentID() }
            let experimentID = id ?? ""
            var placed = document
            placed.id = experimentID
            placed.project = projectID
            placed.label = label
            placed.subjectID = subject.id
            placed.prearchivePath = nil
            let now = service.archive.clock()
            let experiment = ArchivedExperiment(
                id: experimentID, project: projectID, subjectID: subject.id, label: label,
                dataType: placed.dataType.rawValue, uid: placed.uid, date: placed.date,
                isQuarantined: existing?.isQuarantined ?? false, createdAt: existing?.createdAt ?? now, lastModified: now
            )
            let target = try archive.layout.sessionFolder(project: projectID, label: label)
            let final = placed
            try await BlockingWork.run {
                try FileManager.default.removeItem(at: documentURL)
                try AtomicFile.write(final.xmlData(), to: root.appendingPathComponent(label + ".xml"))
                try Self.swap(root, into: target, parked: folder.appendingPathComponent("replaced", isDirectory: true))
            }
            try await store.saveExperiment(experiment)
            archive.logger.info(
                "Imported a XAR",
                metadata: ["experiment": "\(experimentID)", "project": "\(projectID)", "login": "\(user.login)"]
            )
            return ["/data/archive/experiments/\(experimentID)"]
        }
    }

    /// The subject `name` names in `project`, created when it is a new label (see the type's notes).
    private func resolveSubject(_ name: String?, project: String) async throws -> ArchivedSubject {
        guard let name, !name.isEmpty else { throw ImportError(.invalidRequest, "Could not process XAR file - Invalid subject.") }
        if let subject = try await store.subject(id: name) {
            if subject.project == project { return subject }
            if let same = try await store.subject(project: project, label: subject.label) { return same }
            return try await store.createSubject(project: project, label: subject.label, createdAt: service.archive.clock())
        }
        if let subject = try await store.subject(project: project, label: name) { return subject }
        guard let label = ArchiveService.cleanLabel(name), label == name else {
            throw ImportError(.invalidRequest, "Could not process XAR file - Invalid subject.")
        }
        return try await store.createSubject(project: project, label: label, createdAt: service.archive.clock())
    }

    /// Moves `root` to `target`; an existing `target` is moved to `parked` first and deleted after. Blocking IO.
    static func swap(_ root: URL, into target: URL, parked: URL) throws {
        let exists = FileManager.default.fileExists(atPath: target.path)
        if exists { try AtomicFile.move(target, to: parked) }
        do {
            try AtomicFile.move(root, to: target)
        } catch {
            if exists { try? AtomicFile.move(parked, to: target) }
            throw error
        }
        if exists { try? FileManager.default.removeItem(at: parked) }
    }
}
