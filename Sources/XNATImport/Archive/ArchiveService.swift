import Foundation
import Logging

/// Who asks to archive a prearchive session and how (`xnat-import-spec.md` §6.2, §6.7).
package struct ArchiveRequest: Sendable {
    /// Merge and overwrite flags, quarantine, pipelines.
    package var options: ArchiveOptions
    /// A project other than the session's (`project`, or `dest`).
    package var project: String?
    /// The subject label, overriding the document's (`subject`, `SUBJECT_ID`, or `dest`).
    package var subject: String?
    /// The session label, overriding the document's (`session`, `EXPT_LABEL`, `label`, or `dest`).
    package var label: String?
    /// Who archives.
    package var user: User
    /// Session fields to set, by shortcut or XML path (`visit`, `xnat:mrSessionData/note`; §6.2 step 3).
    package var fields: [String: String]

    /// A request with the given values.
    package init(
        options: ArchiveOptions,
        project: String? = nil,
        subject: String? = nil,
        label: String? = nil,
        user: User,
        fields: [String: String] = [:]
    ) {
        self.options = options
        self.project = project
        self.subject = subject
        self.label = label
        self.user = user
        self.fields = fields
    }
}

/// Moves prearchive sessions into the archive (`xnat-import-spec.md` §6): subject and experiment records, the
/// conflict rules, scan-ID correction, the file-level merge, and a journal so a crash leaves the old or the new
/// state, never a mix.
package final class ArchiveService: Sendable {
    /// The prearchive sessions come from.
    package let prearchive: PrearchiveService
    /// Where archived sessions go.
    package let layout: ArchiveLayout
    let experimentLocks = KeyedLock<String>()
    let logger: Logger
    let clock: @Sendable () -> Date

    /// XNAT's `preventCrossModalityMerge` (default on): an MR session is not merged into a PET one.
    package let preventsCrossModalityMerge: Bool
    /// Runs the site's AutoRun actions after an archive with `triggerPipelines` (§6.6); `nil`: none are configured.
    package let pipelines: PipelineRunner?

    /// Creates the service.
    package init(
        prearchive: PrearchiveService,
        layout: ArchiveLayout,
        preventsCrossModalityMerge: Bool = true,
        pipelines: PipelineRunner? = nil,
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.prearchive = prearchive
        self.layout = layout
        self.preventsCrossModalityMerge = preventsCrossModalityMerge
        self.pipelines = pipelines
        self.logger = logger
        self.clock = clock
    }

    var store: any MetadataStore { prearchive.store }

    /// Archives the prearchive session `key` and answers its archive URI
    /// (`/archive/projects/P/subjects/S/experiments/E`). The session is built first if it has no document or
    /// has changed since. On failure the prearchive row becomes CONFLICT (409s) or ERROR, with the reason in its
    /// log, and nothing in the archive has changed.
    package func archive(_ key: PrearchiveSessionKey, request: ArchiveRequest) async throws -> String {
        guard let source = key.project else {
            throw ImportError(.invalidRequest, "Cannot archive sessions from the Unassigned folder.")
        }
        // Issue 8: archiving changes the source's prearchive and the destination project.
        let access = AccessService(store: store)
        try await access.require(.edit, request.user, in: source)
        if let destination = request.project, destination != source,
            let id = try? ProjectID(destination), try await store.project(id: id) != nil
        {
            try await access.require(.edit, request.user, in: destination)
        }
        let row = try await prearchive.session(key)
        guard FileManager.default.fileExists(atPath: prearchive.layout.sessionFolder(of: key).path) else {
            throw ImportError(.notFound, "\(key.url) not found.")
        }
        let document = prearchive.layout.sessionDocument(of: key)
        if row.status != .ready || !FileManager.default.fileExists(atPath: document.path) {
            try await prearchive.commit(key)
        }
        return try await prearchive.sessionLocks.withLock(key) {
            guard var row = try await self.store.prearchiveSession(key) else { throw PrearchiveService.notFound(key) }
            guard row.status == .ready || row.status == .conflict || row.status == .error else {
                // §6.7: XNAT answers 403 for a prearchive entry another operation holds.
                throw ImportError(
                    .notPermitted,
                    "Operation already in progress on this prearchive entry (\(row.status.rawValue))."
                )
            }
            row.status = .archiving
            row.lastModified = self.clock()
            _ = try await self.store.updatePrearchiveSession(row)
            do {
                return try await self.archiveLocked(row, request: request)
            } catch {
                guard var current = try await self.store.prearchiveSession(key) else { throw error }
                let isConflict = (error as? ImportError)?.kind == .conflict
                current.status = isConflict ? .conflict : .error
                current.lastModified = self.clock()
                let wasDirect = current.isDirectArchive
                current.isDirectArchive = false
                _ = try await self.store.updatePrearchiveSession(current)
                self.prearchive.appendLog(
                    (wasDirect ? "Attempt to direct-archive failed: " : "Archiving failed: ") + "\(error)",
                    to: key
                )
                self.logger.warning(
                    "Archiving failed",
                    metadata: ["prearchive.session": "\(key.url)", "error": "\(error)"]
                )
                throw error
            }
        }
    }
}
