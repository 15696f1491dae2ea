import Foundation
import Logging

extension PrearchiveService {
    /// Moves a session to another project (§4.4 Move, §4.6 `action=move`): the folder and the document go to
    /// `<prearchive>/<project>/<timestamp>/<folder>` (Unassigned: the prearchive root), the row is re-keyed with
    /// the same columns, the document's `project` and `prearchivePath` are rewritten, and "Moved from A to B" is
    /// logged in the session's log, which moves with the folder. The status becomes READY when the session has a
    /// document (ERROR if it cannot be read), else RECEIVING. Moving onto the session's own project does nothing.
    ///
    /// Holds the source session's lock, then the target's: the target row is checked to be absent first, so a
    /// holder of the target's lock never waits for the source's. While the files move both rows are MOVING, which
    /// neither an upload nor another operation will reopen.
    ///
    /// - Parameters:
    ///   - key: the session.
    ///   - projectName: the target project's ID, or `Unassigned`.
    ///   - user: who moves it; only administrators may move sessions out of or into Unassigned (§4.7).
    /// - Returns: the row afterwards (unchanged for a move onto the same project).
    /// - Throws: ``ImportError``: 404 for an unknown session or project, 403 for Unassigned without being an
    ///   administrator, 409 when the session's status is locked or the target session exists already;
    ///   ``StorageError`` when the file system fails (nothing is moved then).
    @discardableResult
    package func move(
        _ key: PrearchiveSessionKey,
        toProject projectName: String,
        by user: User
    ) async throws -> PrearchiveSession {
        let target = try await targetKey(of: key, projectName: projectName)
        guard (key.project != nil && target.project != nil) || user.isAdministrator else {
            throw ImportError(.notPermitted, "Only administrators may move sessions into or out of Unassigned")
        }
        // Issue 8: a move changes both projects' prearchives.
        let access = AccessService(store: store)
        for project in [key.project, target.project].compactMap({ $0 }) {
            try await access.require(.edit, user, in: project)
        }
        return try await sessionLocks.withLock(key) {
            let row = try await self.unlockedSession(key)
            guard target != key else { return row }
            guard try await self.store.prearchiveSession(target) == nil else { throw Self.targetExists(target) }
            return try await self.sessionLocks.withLock(target) {
                try await self.moveLocked(row, to: target)
            }
        }
    }

    /// The key of the session once moved to `projectName`; 404 when that project does not exist.
    private func targetKey(of key: PrearchiveSessionKey, projectName: String) async throws -> PrearchiveSessionKey {
        let notFound = ImportError(.notFound, "Project \(projectName) not found")
        guard
            let target = try? PrearchiveSessionKey(
                project: projectName,
                timestamp: key.timestamp,
                folderName: key.folderName
            )
        else { throw notFound }
        if let project = target.project {
            guard let id = try? ProjectID(project), try await store.project(id: id) != nil else { throw notFound }
        }
        return target
    }

    /// Moves the files and re-keys the row. Call holding both session locks.
    private func moveLocked(_ row: PrearchiveSession, to target: PrearchiveSessionKey) async throws -> PrearchiveSession
    {
        let source = row.key
        var moved = row
        moved.key = target
        moved.status = .moving
        moved.lastModified = clock()
        // Inserting reserves the target key: an upload that created it meanwhile makes this fail.
        guard try await store.insertPrearchiveSession(moved) else { throw Self.targetExists(target) }
        var old = row
        old.status = .moving
        _ = try await store.updatePrearchiveSession(old)
        let from = SessionPaths(layout, source)
        let to = SessionPaths(layout, target)
        let outcome: Result<PrearchiveStatus, any Error> = await Result(catching: {
            try await BlockingWork.run { try Self.moveFiles(from: from, to: to, project: target.project) }
        })
        switch outcome {
        case .failure(let error):
            _ = try? await store.deletePrearchiveSession(target)
            _ = try await store.updatePrearchiveSession(row)
            appendLog("Moving to \(target.url) failed: \(error)", to: source)
            logger.warning(
                "Could not move a prearchive session",
                metadata: ["prearchive.session": "\(source.url)", "error": "\(error)"]
            )
            throw error
        case .success(let status):
            _ = try await store.deletePrearchiveSession(source)
            moved.status = status
            moved.lastModified = clock()
            _ = try await store.updatePrearchiveSession(moved)
            appendLog("Moved from \(source.url) to \(target.url)", to: target)
            logger.info(
                "Moved a prearchive session",
                metadata: ["prearchive.session": "\(target.url)", "from": "\(source.url)"]
            )
            return moved
        }
    }

    /// Renames the folder and the document into place and rewrites the document's project; on a failure renames
    /// back whatever moved. Answers the status the moved session gets. Blocking IO.
    private static func moveFiles(from: SessionPaths, to: SessionPaths, project: String?) throws -> PrearchiveStatus {
        let manager = FileManager.default
        if manager.fileExists(atPath: to.folder.path) || manager.fileExists(atPath: to.document.path) {
            throw ImportError(.conflict, "The prearchive folder \(to.folder.path) exists already")
        }
        let hasFolder = manager.fileExists(atPath: from.folder.path)
        let hasDocument = manager.fileExists(atPath: from.document.path)
        var movedFolder = false
        var movedDocument = false
        do {
            if hasFolder {
                try AtomicFile.move(from.folder, to: to.folder)
                movedFolder = true
            }
            guard hasDocument else {
                removeFolderIfEmpty(from.timestamp)
                return .receiving
            }
            try AtomicFile.move(from.document, to: to.document)
            movedDocument = true
            let status: PrearchiveStatus
            switch readDocument(at: to.document) {
            case .absent:
                status = .receiving
            case .unreadable:
                status = .error
            case .document(var document):
                document.project = project
                document.prearchivePath = to.folder.path
                try AtomicFile.write(document.xmlData(), to: to.document)
                status = .ready
            }
            removeFolderIfEmpty(from.timestamp)
            return status
        } catch {
            if movedDocument { try? AtomicFile.move(to.document, to: from.document) }
            if movedFolder { try? AtomicFile.move(to.folder, to: from.folder) }
            removeFolderIfEmpty(to.timestamp)
            throw error
        }
    }

    private static func targetExists(_ key: PrearchiveSessionKey) -> ImportError {
        ImportError(.conflict, "The prearchive session \(key.url) exists already")
    }
}

/// Where one session's files are.
private struct SessionPaths: Sendable {
    var folder: URL
    var document: URL
    var timestamp: URL

    init(_ layout: PrearchiveLayout, _ key: PrearchiveSessionKey) {
        folder = layout.sessionFolder(of: key)
        document = layout.sessionDocument(of: key)
        timestamp = layout.timestampFolder(of: key)
    }
}
