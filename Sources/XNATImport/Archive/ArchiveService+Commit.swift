import Foundation
import Logging

extension ArchiveService {
    /// Stages the new session folder, swaps it in under a journal, saves the experiment and removes the prearchive
    /// session (see ``ArchiveJournal`` for the order and what a crash at each point leaves).
    func commitArchive(
        _ plan: ArchiveMergePlan,
        experiment: ArchivedExperiment,
        from key: PrearchiveSessionKey,
        incomingFolder: URL,
        sessionFolder: URL,
        existingFolder: URL?
    ) async throws {
        let token = UUID().uuidString
        let parent = sessionFolder.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".staging-\(experiment.label)-\(token)", isDirectory: true)
        let backup = parent.appendingPathComponent(".backup-\(experiment.label)-\(token)", isDirectory: true)
        let journalURL = layout.journalFolder.appendingPathComponent("\(token).json", isDirectory: false)
        let journal = ArchiveJournal(
            staging: staging.path,
            final: sessionFolder.path,
            backup: backup.path,
            prearchiveURL: key.url,
            experiment: ArchiveJournal.Experiment(experiment)
        )
        let documentName = experiment.label + ".xml"
        try await BlockingWork.run {
            do {
                try ArchiveStaging.stage(
                    plan,
                    documentName: documentName,
                    incomingFolder: incomingFolder,
                    existingFolder: existingFolder,
                    staging: staging
                )
                try journal.write(to: journalURL)
            } catch {
                try? FileManager.default.removeItem(at: staging)
                try? FileManager.default.removeItem(at: journalURL)
                throw error
            }
            try Self.swap(journal)
        }
        try await finish(journal, journalURL: journalURL)
    }

    /// Renames the old folder to the backup and the staged one into place. Blocking IO.
    static func swap(_ journal: ArchiveJournal) throws(StorageError) {
        let final = URL(fileURLWithPath: journal.final, isDirectory: true)
        let staging = URL(fileURLWithPath: journal.staging, isDirectory: true)
        let backup = URL(fileURLWithPath: journal.backup, isDirectory: true)
        if FileManager.default.fileExists(atPath: final.path) {
            try AtomicFile.move(final, to: backup)
        }
        try AtomicFile.move(staging, to: final)
    }

    /// After the swap: the experiment row, the prearchive session gone, the backup and journal deleted.
    /// Idempotent, so recovery can run it again.
    func finish(_ journal: ArchiveJournal, journalURL: URL) async throws {
        try await store.saveExperiment(journal.experiment.archived)
        if let key = PrearchiveSessionKey(url: journal.prearchiveURL) {
            try? FileManager.default.removeItem(at: prearchive.layout.sessionFolder(of: key))
            try? FileManager.default.removeItem(at: prearchive.layout.sessionDocument(of: key))
            _ = try await store.deletePrearchiveSession(key)
            let timestampFolder = prearchive.layout.timestampFolder(of: key)
            // §6.2 step 16: empty timestamp and project folders go too (`rmdir` only removes empty ones).
            rmdir(timestampFolder.path)
            if let project = key.project, let folder = try? prearchive.layout.projectFolder(project) {
                rmdir(folder.path)
            }
            // The prearchive session's removal reaches the disk before the journal's, so a power cut cannot
            // bring back the session once the journal that would remove it again is gone.
            try AtomicFile.synchronizeFolder(timestampFolder)
            try AtomicFile.synchronizeFolder(timestampFolder.deletingLastPathComponent())
        }
        try? FileManager.default.removeItem(atPath: journal.backup)
        try AtomicFile.synchronizeFolder(URL(fileURLWithPath: journal.backup).deletingLastPathComponent())
        try? FileManager.default.removeItem(at: journalURL)
        try AtomicFile.synchronizeFolder(journalURL.deletingLastPathComponent())
    }

    /// Finishes or rolls back archives a crash interrupted (see ``ArchiveJournal``); run at startup before
    /// requests are served.
    package func recover() async {
        let folder = layout.journalFolder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            guard let journal = ArchiveJournal.read(from: url) else {
                logger.error("Unreadable archive journal left as it is", metadata: ["journal": "\(url.path)"])
                continue
            }
            let manager = FileManager.default
            let stagingExists = manager.fileExists(atPath: journal.staging)
            let finalExists = manager.fileExists(atPath: journal.final)
            do {
                if stagingExists, finalExists {
                    // The swap never began: the old state stands.
                    try? manager.removeItem(atPath: journal.staging)
                    try? manager.removeItem(at: url)
                    if let key = PrearchiveSessionKey(url: journal.prearchiveURL),
                        var row = try await store.prearchiveSession(key)
                    {
                        row.status = .ready
                        _ = try await store.updatePrearchiveSession(row)
                    }
                    logger.notice("Rolled back an interrupted archive", metadata: ["journal": "\(name)"])
                } else {
                    if stagingExists { try Self.swap(journal) }
                    try await finish(journal, journalURL: url)
                    logger.notice("Finished an interrupted archive", metadata: ["journal": "\(name)"])
                }
            } catch {
                logger.error("Could not recover an archive", metadata: ["journal": "\(name)", "error": "\(error)"])
            }
        }
        removeOrphanStagingFolders()
        await prearchive.resetInterruptedSessions()
        if let count = try? await store.failRunningPipelineRuns(
            detail: "The server stopped before the action finished.",
            at: clock()
        ), count > 0 {
            logger.notice("Marked unfinished AutoRun actions failed", metadata: ["runs": "\(count)"])
        }
        if let count = try? await store.failUnfinishedInboxRequests(
            resolution: "The server stopped before the import finished; send the request again.",
            at: clock()
        ), count > 0 {
            logger.notice("Marked unfinished inbox imports failed", metadata: ["requests": "\(count)"])
        }
    }

    /// Deletes `.staging-*` folders no journal refers to: a crash while staging, before the journal was written,
    /// leaves one, and nothing else points to it.
    private func removeOrphanStagingFolders() {
        let manager = FileManager.default
        for project in (try? manager.contentsOfDirectory(atPath: layout.root.path)) ?? [] where !project.hasPrefix(".") {
            let arc = layout.root.appendingPathComponent(project).appendingPathComponent(ArchiveLayout.currentArc)
            for name in (try? manager.contentsOfDirectory(atPath: arc.path)) ?? [] where name.hasPrefix(".staging-") {
                try? manager.removeItem(at: arc.appendingPathComponent(name))
                logger.notice("Removed an unfinished archive staging folder", metadata: ["folder": "\(name)"])
            }
        }
    }
}
