import Foundation
import Logging

extension PrearchiveService {
    /// Builds the session document and catalogs of a session (§4.4 Rebuild, §5): BUILDING, then READY, or ERROR
    /// with the reason in the session's log; RECEIVING again if files arrived meanwhile (RECEIVING_INTERRUPT).
    ///
    /// - Returns: the row afterwards.
    /// - Throws: ``ImportError``: 404 when there is no such session, 409 when another operation holds it
    ///   ("session document locked"), 400 when the files do not make a session (the row is then ERROR).
    @discardableResult
    package func build(_ key: PrearchiveSessionKey) async throws -> PrearchiveSession {
        try await sessionLocks.withLock(key) {
            guard var row = try await self.store.prearchiveSession(key) else { throw Self.notFound(key) }
            guard !row.status.isLocked else {
                throw ImportError(.conflict, "session document locked: \(key.url) is \(row.status.rawValue)")
            }
            row.status = .building
            row.lastModified = self.clock()
            _ = try await self.store.updatePrearchiveSession(row)
            let constants = SessionBuildConstants(
                project: key.project,
                label: row.name,
                subjectID: row.subject,
                visit: row.visit,
                protocolName: row.protocolName,
                prearchivePath: self.layout.sessionFolder(of: key).path
            )
            let folder = self.layout.sessionFolder(of: key)
            let documentURL = self.layout.sessionDocument(of: key)
            let outcome: Result<SessionDocument, any Error> = await Result(catching: {
                try await BlockingWork.run {
                    try PrearchiveSessionBuilder.build(sessionFolder: folder, documentURL: documentURL, constants: constants)
                }
            })
            // Re-read: a receive may have marked the row RECEIVING_INTERRUPT while we built.
            guard var current = try await self.store.prearchiveSession(key) else { throw Self.notFound(key) }
            current.lastModified = self.clock()
            switch outcome {
            case .success(let document):
                current.status = current.status == .receivingInterrupt ? .receiving : .ready
                current.scanDate = document.date ?? current.scanDate
                current.scanTime = document.time ?? current.scanTime
                current.subject = document.subjectID ?? current.subject ?? document.dicomPatientName
                _ = try await self.store.updatePrearchiveSession(current)
                self.logger.info(
                    "Built a prearchive session",
                    metadata: ["prearchive.session": "\(key.url)", "scans": "\(document.scans.count)"]
                )
                return current
            case .failure(let error):
                current.status = .error
                _ = try await self.store.updatePrearchiveSession(current)
                let message = "\(error)"
                self.appendLog(message, to: key)
                self.logger.warning(
                    "Could not build a prearchive session",
                    metadata: ["prearchive.session": "\(key.url)", "error": "\(message)"]
                )
                if error is StorageError { throw ImportError(.serverFailure, message) }
                throw ImportError(.invalidRequest, "Could not build \(key.url): \(message)")
            }
        }
    }

    /// Builds the session for `action=commit` and answers its row (§4.6). Archiving comes with the archive
    /// service; until then a committed session stays READY in the prearchive.
    @discardableResult
    package func commit(_ key: PrearchiveSessionKey) async throws -> PrearchiveSession {
        var row = try await build(key)
        // Files that arrived during the build leave it RECEIVING; build once more so the commit covers them.
        if row.status == .receiving { row = try await build(key) }
        return row
    }

    /// Builds (or, with `action`, commits) every RECEIVING session left alone for the idle interval, unless it
    /// has `prevent_auto_commit` or `SOURCE=uploader` (§4.5). Failures are logged, not thrown: one bad session
    /// must not stop the others.
    package func buildIdleSessions(
        _ action: (@Sendable (PrearchiveSessionKey) async throws -> Void)? = nil
    ) async {
        let now = clock()
        let interval = configuration.idleBuildInterval
        let idleSeconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let rows: [PrearchiveSession]
        do {
            rows = try await store.prearchiveSessions(status: .receiving)
        } catch {
            logger.error("Could not list sessions for the idle build", metadata: ["error": "\(error)"])
            return
        }
        for row in rows where !row.preventAutoCommit && row.source != Self.uploaderSource {
            guard now.timeIntervalSince(row.lastModified) >= idleSeconds else { continue }
            do {
                if let action { try await action(row.key) } else { try await build(row.key) }
            } catch {
                logger.warning(
                    "Idle build failed",
                    metadata: ["prearchive.session": "\(row.key.url)", "error": "\(error)"]
                )
            }
        }
    }

    /// The `SOURCE` of the Upload Assistant and the Desktop Client, whose sessions are only built on commit.
    static let uploaderSource = "uploader"

    /// Appends a line to the session's operation log, `logs/<epoch ms>.log` (§4.1). Failures are ignored.
    func appendLog(_ message: String, to key: PrearchiveSessionKey) {
        // One file per message, named by its time; two messages in one millisecond take the next free name.
        var milliseconds = Int64(clock().timeIntervalSince1970 * 1000)
        var url = layout.logFile(of: key, epochMilliseconds: milliseconds)
        while FileManager.default.fileExists(atPath: url.path) {
            milliseconds += 1
            url = layout.logFile(of: key, epochMilliseconds: milliseconds)
        }
        try? AtomicFile.write(Data((message + "\n").utf8), to: url)
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

extension PrearchiveService {
    /// At startup: sessions a crash left in an in-progress status are reset. An interrupted archive (ARCHIVING and
    /// the like) left the session as it was, so it is READY again if its document is on disk; an interrupted
    /// build may have left catalogs half rewritten, so the session is RECEIVING, to be built again.
    package func resetInterruptedSessions() async {
        // An operation held the session (`isLocked`), or a receive was waiting for a build to end.
        let busy = PrearchiveStatus.allCases.filter { $0.isLocked || $0 == .receivingInterrupt }
        for status in busy {
            guard let rows = try? await store.prearchiveSessions(status: status) else { continue }
            for var row in rows {
                // A crash mid-move can leave a row whose folder went elsewhere: drop it.
                let folderExists = FileManager.default.fileExists(atPath: layout.sessionFolder(of: row.key).path)
                if !folderExists, status == .moving {
                    _ = try? await store.deletePrearchiveSession(row.key)
                    logger.notice("Removed a row left by an interrupted move", metadata: ["prearchive.session": "\(row.key.url)"])
                    continue
                }
                let hasDocument = FileManager.default.fileExists(atPath: layout.sessionDocument(of: row.key).path)
                let archiving: Set<PrearchiveStatus> = [.archiving, .queuedArchiving, .pendingArchiving]
                row.status = hasDocument && archiving.contains(status) ? .ready : .receiving
                _ = try? await store.updatePrearchiveSession(row)
                appendLog("Status reset from \(status.rawValue) to \(row.status.rawValue) at startup", to: row.key)
                logger.notice(
                    "Reset an interrupted prearchive session",
                    metadata: ["prearchive.session": "\(row.key.url)", "from": "\(status.rawValue)"]
                )
            }
        }
    }
}

extension PrearchiveService {
    /// Sets session fields in a built session's document (`action=commit` with XML-path parameters, §4.6; SI,
    /// §2.3). The project stays the session's own; a rebuild from the files replaces the fields again.
    package func applyFields(_ fields: [String: String], to key: PrearchiveSessionKey) async throws {
        try await sessionLocks.withLock(key) {
            let url = self.layout.sessionDocument(of: key)
            try await BlockingWork.run {
                var document = try SessionDocument(xml: try Data(contentsOf: url))
                try document.applyFields(fields, skipping: ["project"])
                try AtomicFile.write(document.xmlData(), to: url)
            }
        }
    }
}
