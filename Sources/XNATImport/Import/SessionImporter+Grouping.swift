import DICOM
import ECAT
import Foundation

extension SessionImporter {
    /// The sessions an upload makes (§2.3, §3.5, §12), DICOM studies first, each in order of first appearance.
    ///
    /// - DICOM: one session per StudyInstanceUID. Project, subject and label come from `SessionIdentifier` with
    ///   the request's routing, the site's rules and the header defaults of §3.5 (no `dicom-project.rules` file),
    ///   read from the study's first file; a header project must exist, unlike XNAT's SI (§14 quirk 8). The folder
    ///   is the first non-blank PatientID in word characters (`session` without one), as XNAT's restructurer names
    ///   it, unless `PREARC_SESSION_FOLDER` or `dest` names one.
    /// - ECAT: one session per main-header `patient_id` (word characters, `session` when blank); the project only
    ///   from the request; label and subject from the request, else `patient_id` and `patient_name` in word
    ///   characters. Files in name order, so scans are numbered 1, 2, … by file name.
    ///
    /// Projects the uploader may not edit count as unknown (`editable`; `nil`: every project), so data routed by its
    /// headers into one lands in Unassigned (issue 8).
    func sessions(
        from contents: SessionImportContents,
        routing: ExplicitRouting,
        editable: Set<String>?
    ) async throws -> [ImportedSession] {
        let projects = try await service.prearchive.store.projects()
        let known = Set(projects.map(\.id.rawValue)).filter { editable?.contains($0) ?? true }
        var identifier = service.identifier
        identifier.rules.projectFallback = []
        let folder = routing.prearchiveFolder.flatMap(LabelSanitizer.label)
        let timestamp = routing.prearchiveTimestamp.flatMap(LabelSanitizer.label)
        var sessions: [ImportedSession] = []

        var studies: [String] = []
        var byStudy: [String: [(object: IncomingObject, name: String)]] = [:]
        for item in contents.dicom {
            if byStudy[item.object.studyInstanceUID] == nil { studies.append(item.object.studyInstanceUID) }
            byStudy[item.object.studyInstanceUID, default: []].append(item)
        }
        for study in studies {
            let members = byStudy[study] ?? []
            guard let header = members.first?.object.header else { continue }
            var identity = identifier.identify(header, explicit: routing) { known.contains($0.value) ? $0.value : nil }
            let patientID = members.lazy.compactMap { $0.object.header.string(.patientID)?.trimmingASCIIWhitespace() }
                .first { !$0.isEmpty }
            identity.prearchiveFolder = folder ?? LabelSanitizer.studyFolderName(patientID: patientID)
            identity.prearchiveTimestamp = timestamp
            let files = members.map { item in
                ImportedFile(
                    file: item.object.file,
                    name: item.name,
                    scanDirectory: ScanDirectory.name(
                        seriesNumber: item.object.header.string(.seriesNumber),
                        seriesInstanceUID: item.object.header.string(.seriesInstanceUID)
                    )
                )
            }
            sessions.append(
                ImportedSession(
                    format: .dicom,
                    identity: identity,
                    studyInstanceUID: study,
                    scanDate: header.date(.studyDate)?.description,
                    scanTime: header.time(.studyTime)?.description,
                    files: files
                )
            )
        }

        let project = routing.project.flatMap { known.contains($0) ? $0 : nil }
        var patients: [String] = []
        var byPatient: [String: [SessionImportContents.ECATUpload]] = [:]
        for item in contents.ecat {
            let key = LabelSanitizer.studyFolderName(patientID: item.header.patientID)
            if byPatient[key] == nil { patients.append(key) }
            byPatient[key, default: []].append(item)
        }
        for patient in patients {
            let members = (byPatient[patient] ?? []).sorted { $0.name < $1.name }
            guard let header = members.first?.header else { continue }
            let sessionFolder = folder ?? patient
            let identity = SessionIdentity(
                project: project,
                subject: routing.subject.flatMap(LabelSanitizer.label)
                    ?? ECATSessionBuilder.wordLabel(header.patientName),
                sessionLabel: routing.sessionLabel.flatMap(LabelSanitizer.label)
                    ?? ECATSessionBuilder.wordLabel(header.patientID) ?? sessionFolder,
                prearchiveFolder: sessionFolder,
                prearchiveTimestamp: timestamp
            )
            sessions.append(
                ImportedSession(
                    format: .ecat,
                    identity: identity,
                    files: members.map { ImportedFile(file: $0.file, name: $0.name, scanDirectory: nil) }
                )
            )
        }
        return sessions
    }

    /// The request's routing with an archive `dest` experiment resolved (§2.3): when `/experiments/<x>` names an
    /// existing experiment (by label in the `dest` project, else by ID), its label, project and subject are used
    /// unless the request names them itself.
    func resolvedRouting(_ routing: ExplicitRouting, parameters: [String: String]) async throws -> ExplicitRouting {
        guard let destination = routing.destination, destination.area == .archive,
            let experiment = destination.experiment
        else { return routing }
        let store = service.prearchive.store
        var found: ArchivedExperiment?
        if let project = destination.project {
            found = try await store.experiment(project: project, label: experiment)
        }
        if found == nil, let byID = try await store.experiment(id: experiment),
            destination.project == nil || byID.project == destination.project
        {
            found = byID
        }
        guard let found else { return routing }
        var resolved: ExplicitRouting
        do {
            resolved = try ExplicitRouting(parameters: parameters, destinationExperimentLabel: found.label)
        } catch {
            throw ImportError(.invalidRequest, error.description)
        }
        if resolved.project == nil { resolved.project = found.project }
        if resolved.subject == nil, let subject = try await store.subject(id: found.subjectID) {
            resolved.subject = subject.label
        }
        return resolved
    }
}
