import Foundation
import Logging

/// The `SI` import handler, XNAT's `SessionImporter` (the legacy "zip uploader", `xnat-import-spec.md` §2.3, §12):
/// one upload (a DICOM or ECAT file, or a zip / tar / tar.gz / gzip of them) becomes whole prearchive sessions,
/// built right away, and a single session may be archived at once.
///
/// Steps: unpack and read every file (unreadable files are skipped); group DICOM files by StudyInstanceUID and ECAT
/// files by patient ID; create each session (files keep their names, SOURCE `SessionImporter`,
/// `prevent_auto_commit`) and build it; then, as `SessionImporter.call` does:
/// - no session → 400 "Upload did not include parsable files for session generation.";
/// - `dest` is a prearchive URI → the prearchive URIs of all sessions;
/// - more than one session → 400 "Upload included files for multiple imaging sessions." (they stay);
/// - one session: auto-archive (first match wins) when it has a project and the row's code is AutoArchive or
///   AutoArchiveOverwrite, `dest` is an archive URI, `AA` / `auto-archive` is given (its value decides), or the
///   project's code is 4 or 5; archived with `overwrite` / `overwrite_files` as sent, archive errors keeping their
///   status (SI does not turn 409 into 400); answering the archive URI, else the prearchive URI.
///
/// Deliberate differences from XNAT are listed on the parts: ``sessions(from:routing:editable:)``,
/// `PrearchiveService.mergeImportedSession`, ``ECATSessionBuilder``. Not supported: XML-path parameters,
/// site-wide anonymisation, asynchronous `src=` uploads, `bz2` archives (bytes-sniffed formats only).
package struct SessionImporter: Sendable {
    /// The import service whose prearchive, archive, staging folder and identifier the importer uses.
    package let service: ImportService

    /// An importer working with `service`'s parts.
    package init(service: ImportService) {
        self.service = service
    }

    /// Imports `upload` and answers the `/data`-prefixed URIs to send back.
    package func importUpload(
        _ upload: ImportUpload?,
        options: ImportOptions,
        parameters: [String: String],
        user: User
    ) async throws -> [String] {
        guard let upload else { throw ImportError(.invalidRequest, "Unable to identify upload format.") }
        let routing = try await resolvedRouting(options.routing, parameters: parameters)
        let folder = service.stagingFolder.appendingPathComponent(".si-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let contents = try await readUpload(upload, into: folder)
        for reason in contents.skipped {
            service.prearchive.logger.debug("SI skipped a file", metadata: ["reason": "\(reason)"])
        }
        let editable = try await service.editableProjects(routing: routing, user: user)
        let sessions = try await sessions(from: contents, routing: routing, editable: editable)
        guard !sessions.isEmpty else {
            throw ImportError(.invalidRequest, "Upload did not include parsable files for session generation.")
        }
        let archiveOptions = ArchiveOptions(parameters: parameters)
        let keys = try await stage(sessions, routing: routing, options: options.session, archiveOptions: archiveOptions)
        try await build(keys)
        // XML-path and shortcut parameters (`visit`, `xnat:mrSessionData/note`) go into the built documents (§2.3).
        let fields = parameters.filter { SessionDocument.isFieldParameter($0.key) }
        if !fields.isEmpty {
            for key in keys { try await service.prearchive.applyFields(fields, to: key) }
        }
        if routing.destination?.area == .prearchive { return keys.map { "/data" + $0.url } }
        guard keys.count == 1, let key = keys.first else {
            throw ImportError(.invalidRequest, "Upload included files for multiple imaging sessions.")
        }
        guard try await autoArchives(key, routing: routing, parameters: parameters) else {
            return ["/data" + key.url]
        }
        return [try await archive(key, options: archiveOptions, user: user)]
    }

    /// Creates the sessions, one timestamp for all; with a pinned folder (`dest=/prearchive/projects/P/TS/F` or
    /// `PREARC_TIMESTAMP` + `PREARC_SESSION_FOLDER`) the one session of the upload goes into that folder.
    private func stage(
        _ sessions: [ImportedSession],
        routing: ExplicitRouting,
        options: SessionOptions,
        archiveOptions: ArchiveOptions
    ) async throws -> [PrearchiveSessionKey] {
        let prearchive = service.prearchive
        var timestamp = prearchive.newTimestamp()
        if let pinned = sessions.first?.identity.prearchiveTimestamp {
            guard let parsed = PrearchiveTimestamp(rawValue: pinned) else {
                throw ImportError(.invalidRequest, "Invalid prearchive timestamp \(pinned): use yyyyMMdd_HHmmssSSS")
            }
            timestamp = parsed
        }
        if routing.prearchiveTimestamp != nil, routing.prearchiveFolder != nil, let session = sessions.first {
            let key: PrearchiveSessionKey
            do {
                key = try PrearchiveSessionKey(
                    project: session.identity.project,
                    timestamp: timestamp,
                    folderName: session.identity.prearchiveFolder
                )
            } catch {
                throw ImportError(.invalidRequest, "\(error)")
            }
            guard sessions.count == 1 else {
                throw ImportError(
                    .invalidRequest,
                    "Upload included files for multiple imaging sessions; only one can go to \(key.url)"
                )
            }
            try await prearchive.mergeImportedSession(
                session,
                into: key,
                options: options,
                allowMerge: archiveOptions.allowSessionMerge,
                overwriteFiles: archiveOptions.overwriteFiles
            )
            return [key]
        }
        var keys: [PrearchiveSessionKey] = []
        for session in sessions {
            keys.append(try await prearchive.createImportedSession(session, timestamp: timestamp, options: options))
        }
        return keys
    }

    /// Builds every session (READY, or ERROR with the reason in its log); the first failure is thrown once all
    /// have been tried, leaving the sessions in the prearchive.
    private func build(_ keys: [PrearchiveSessionKey]) async throws {
        var failure: (any Error)?
        for key in keys {
            do {
                try await service.prearchive.build(key)
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
    }

    /// XNAT's `FinishImageUpload.isAutoArchive` (§2.3), first match wins: no project → no; row code AutoArchive
    /// or AutoArchiveOverwrite → yes; archive `dest` → yes; `AA` or `auto-archive` given → whether it is `true`
    /// (any case); project code 4 or 5 → yes.
    private func autoArchives(
        _ key: PrearchiveSessionKey,
        routing: ExplicitRouting,
        parameters: [String: String]
    ) async throws -> Bool {
        guard let project = key.project else { return false }
        let row = try await service.prearchive.session(key)
        if row.autoArchive?.archivesAutomatically == true { return true }
        if routing.destination?.area == .archive { return true }
        for parameter in [ImportParameter.autoArchive, .autoArchiveLong] {
            if let value = parameters[parameter.rawValue] {
                return value.trimmingASCIIWhitespace().lowercased() == "true"
            }
        }
        guard let id = try? ProjectID(project) else { return false }
        return try await service.prearchive.store.project(id: id)?.prearchiveCode.archivesAutomatically ?? false
    }

    /// Archives the session and answers its `/data`-prefixed archive URI; an AutoArchiveOverwrite code also
    /// replaces files (§6.4).
    private func archive(_ key: PrearchiveSessionKey, options: ArchiveOptions, user: User) async throws -> String {
        let prearchive = service.prearchive
        var options = options
        let row = try await prearchive.session(key)
        var code = row.autoArchive
        if code == nil, let project = key.project, let id = try? ProjectID(project) {
            code = try await prearchive.store.project(id: id)?.prearchiveCode
        }
        if code == .autoArchiveOverwrite { options.overwriteFiles = true }
        return "/data" + (try await service.archive.archive(key, request: ArchiveRequest(options: options, user: user)))
    }
}
