import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The prearchive operations of `xnat-import-spec.md` §4.4 and §4.6 besides building and archiving: delete,
/// reset-status and set-status here, move in `PrearchiveService+Move.swift`. Each holds the session's lock, so it
/// never overlaps an upload into, a build of, or an archive of the same session.
extension PrearchiveService {
    /// Removes a session: its folder, its document, its row, and its timestamp folder if nothing else is left in it
    /// (§4.4 Delete). The row is DELETING while the files go; if they cannot be removed it becomes ERROR, with the
    /// reason in the session's log.
    ///
    /// - Throws: ``ImportError``: 404 when there is no such session, 409 when its status is locked
    ///   ("session document locked"); ``StorageError`` when the file system fails.
    package func delete(_ key: PrearchiveSessionKey) async throws {
        try await sessionLocks.withLock(key) {
            var row = try await self.unlockedSession(key)
            row.status = .deleting
            row.lastModified = self.clock()
            _ = try await self.store.updatePrearchiveSession(row)
            let folder = self.layout.sessionFolder(of: key)
            let document = self.layout.sessionDocument(of: key)
            let timestampFolder = self.layout.timestampFolder(of: key)
            do {
                try await BlockingWork.run {
                    try Self.removeIfPresent(folder)
                    try Self.removeIfPresent(document)
                    Self.removeFolderIfEmpty(timestampFolder)
                }
            } catch {
                row.status = .error
                row.lastModified = self.clock()
                _ = try await self.store.updatePrearchiveSession(row)
                self.appendLog("Deleting failed: \(error)", to: key)
                throw error
            }
            _ = try await self.store.deletePrearchiveSession(key)
            self.logger.info("Deleted a prearchive session", metadata: ["prearchive.session": "\(key.url)"])
        }
    }

    /// Derives the status again from the session document, as XNAT's table builder does (§4.3): no document or
    /// an empty one → RECEIVING, one that cannot be read → ERROR, one without an experiment ID → READY, one
    /// with an ID (an archive was under way) → ARCHIVING. A readable document also refreshes the scan date, time
    /// and subject, as a build does.
    ///
    /// - Returns: the row afterwards.
    /// - Throws: ``ImportError``: 404 when there is no such session, 409 when its status is locked.
    @discardableResult
    package func resetStatus(_ key: PrearchiveSessionKey) async throws -> PrearchiveSession {
        try await sessionLocks.withLock(key) {
            var row = try await self.unlockedSession(key)
            let url = self.layout.sessionDocument(of: key)
            let reading = try await BlockingWork.run { Self.readDocument(at: url) }
            switch reading {
            case .absent:
                row.status = .receiving
            case .unreadable:
                row.status = .error
            case .document(let document):
                row.status = (document.id ?? "").isEmpty ? .ready : .archiving
                row.scanDate = document.date ?? row.scanDate
                row.scanTime = document.time ?? row.scanTime
                row.subject = document.subjectID ?? row.subject ?? document.dicomPatientName
            }
            row.lastModified = self.clock()
            _ = try await self.store.updatePrearchiveSession(row)
            self.appendLog("Status reset to \(row.status.rawValue)", to: key)
            self.logger.info(
                "Reset the status of a prearchive session",
                metadata: ["prearchive.session": "\(key.url)", "status": "\(row.status.rawValue)"]
            )
            return row
        }
    }

    /// Forces a session's status (`action=set-status`, §4.6).
    ///
    /// Unlike the other operations this one does not refuse a locked status: it is how an administrator frees a
    /// session left BUILDING, ARCHIVING or MOVING by a crash. It still takes the session's lock, so it never
    /// overrides an operation that is really running; a locked status seen under the lock is a stale one.
    ///
    /// - Returns: the row afterwards.
    /// - Throws: ``ImportError``: 404 when there is no such session.
    @discardableResult
    package func setStatus(_ status: PrearchiveStatus, of key: PrearchiveSessionKey) async throws -> PrearchiveSession {
        try await sessionLocks.withLock(key) {
            guard var row = try await self.store.prearchiveSession(key) else { throw Self.notFound(key) }
            let previous = row.status
            row.status = status
            row.lastModified = self.clock()
            _ = try await self.store.updatePrearchiveSession(row)
            self.appendLog("Status set from \(previous.rawValue) to \(status.rawValue)", to: key)
            self.logger.info(
                "Set the status of a prearchive session",
                metadata: ["prearchive.session": "\(key.url)", "status": "\(status.rawValue)"]
            )
            return row
        }
    }

    // MARK: - Helpers

    /// The row of `key`, which must not be held by another operation. Call under the session lock.
    func unlockedSession(_ key: PrearchiveSessionKey) async throws -> PrearchiveSession {
        guard let row = try await store.prearchiveSession(key) else { throw Self.notFound(key) }
        guard !row.status.isLocked else {
            throw ImportError(.conflict, "session document locked: \(key.url) is \(row.status.rawValue)")
        }
        return row
    }

    /// What a session document file holds.
    enum DocumentReading: Sendable {
        case absent
        case unreadable
        case document(SessionDocument)
    }

    /// Reads the session document at `url`; a missing or empty file is ``DocumentReading/absent``. Blocking IO.
    static func readDocument(at url: URL) -> DocumentReading {
        guard let data = try? Data(contentsOf: url), !data.isEmpty else { return .absent }
        guard let document = try? SessionDocument(xml: data) else { return .unreadable }
        return .document(document)
    }

    /// Removes a file or a folder with everything in it; nothing there is fine. Blocking IO.
    static func removeIfPresent(_ url: URL) throws(StorageError) {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw StorageError(.remove, path: url.path, reason: "\(error.localizedDescription)")
        }
    }

    /// Removes `folder` if it is empty. `rmdir` refuses a folder with anything in it, so a session another upload
    /// creates in the same timestamp folder at this moment is never removed with it. Blocking IO.
    static func removeFolderIfEmpty(_ folder: URL) {
        _ = rmdir(folder.path)
    }
}
