import DICOM
import Foundation
import Logging

/// One identified object and where it goes.
package struct Placement: Sendable {
    /// The staged object.
    package var object: IncomingObject
    /// Its project, subject, label and folder.
    package var identity: SessionIdentity
    /// The project's prearchive code (`nil` for Unassigned): the auto-archive code of a new row unless the object
    /// asks otherwise (§2.1 step 6).
    package var projectCode: PrearchiveCode?

    /// Creates a placement.
    package init(object: IncomingObject, identity: SessionIdentity, projectCode: PrearchiveCode?) {
        self.object = object
        self.identity = identity
        self.projectCode = projectCode
    }
}

extension PrearchiveService {
    /// Places objects into their prearchive sessions, finding or creating each session, and answers the sessions
    /// touched in order of first appearance.
    ///
    /// - Parameters:
    ///   - placements: identified objects; each staged file is renamed into the prearchive.
    ///   - rename: always use the template file name (`rename=true`).
    ///   - options: values set on new rows.
    /// - Throws: ``ImportError``; sessions this call created are removed again and files it added are deleted.
    package func receive(
        _ placements: [Placement],
        rename: Bool,
        options: SessionOptions
    ) async throws -> [PrearchiveSessionKey] {
        var order: [StudyIdentityKey] = []
        var groups: [StudyIdentityKey: [Placement]] = [:]
        for placement in placements {
            let identity = placement.identity
            let key = StudyIdentityKey(
                project: identity.project,
                studyInstanceUID: placement.object.studyInstanceUID,
                sessionLabel: identity.sessionLabel,
                folder: identity.prearchiveFolder,
                timestamp: identity.prearchiveTimestamp
            )
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(placement)
        }
        var keys: [PrearchiveSessionKey] = []
        var undo = ReceiveUndo()
        do {
            for identityKey in order {
                let group = groups[identityKey] ?? []
                let key = try await identityLocks.withLock(identityKey) {
                    try await self.receiveGroup(group, identityKey: identityKey, rename: rename, options: options)
                }
                undo.merge(key.undo)
                if !keys.contains(key.session) { keys.append(key.session) }
            }
        } catch {
            await rollBack(undo)
            throw error
        }
        return keys
    }

    private func receiveGroup(
        _ group: [Placement],
        identityKey: StudyIdentityKey,
        rename: Bool,
        options: SessionOptions
    ) async throws -> (session: PrearchiveSessionKey, undo: ReceiveUndo) {
        guard let first = group.first else { throw ImportError(.serverFailure, "empty placement group") }
        var undo = ReceiveUndo()
        do {
            // A session found here can be archived, moved or deleted by the time its lock is ours (the archiver
            // holds it while it works); then the objects go to the session the study would get now.
            for _ in 0..<Self.maximumSessionAttempts {
                let key = try await findOrCreateSession(
                    for: first,
                    identityKey: identityKey,
                    options: options,
                    undo: &undo
                )
                let added = try await sessionLocks.withLock(key) { () -> [URL]? in
                    guard try await self.markReceiving(key) else { return nil }
                    let sessionFolder = self.layout.sessionFolder(of: key)
                    let template = self.configuration.fileNameTemplate
                    return try await BlockingWork.run {
                        try Self.place(group.map(\.object), in: sessionFolder, template: template, rename: rename)
                    }
                }
                if let added {
                    undo.addedFiles += added
                    logger.debug(
                        "Received objects",
                        metadata: ["prearchive.session": "\(key.url)", "objects": "\(group.count)"]
                    )
                    return (key, undo)
                }
            }
            throw ImportError(.conflict, "The prearchive session for these objects kept changing; send them again")
        } catch {
            await rollBack(undo)
            throw error
        }
    }

    /// How often a receive looks for its session again when the one it found went away before its lock was free.
    private static let maximumSessionAttempts = 3

    /// Marks the session RECEIVING before files go in (whatever it was: a build may have run while we waited), so
    /// a crash while placing leaves a session the idle build finishes; `false` when the row is gone. Called under
    /// the session lock.
    private func markReceiving(_ key: PrearchiveSessionKey) async throws -> Bool {
        guard var row = try await store.prearchiveSession(key) else { return false }
        let now = clock()
        if row.status != .receiving || now.timeIntervalSince(row.lastModified) >= activityResolution {
            row.status = .receiving
            row.lastModified = now
            _ = try await store.updatePrearchiveSession(row)
        }
        return true
    }
}

extension PrearchiveService {
    /// How stale a RECEIVING session's `lastModified` may be before a receive writes it again. Objects arriving
    /// one by one (C-STORE, gradual-DICOM) would otherwise each cost a database commit (a WAL fsync) only to move
    /// the time on by milliseconds. A tenth of the idle-build interval, at most one second: the idle build can
    /// never see a session as idle while objects keep coming.
    var activityResolution: TimeInterval {
        let interval = configuration.idleBuildInterval.components
        let seconds = Double(interval.seconds) + Double(interval.attoseconds) / 1e18
        return min(1, seconds / 10)
    }
}

/// What a receive created, to remove again if a later step fails.
struct ReceiveUndo: Sendable {
    var createdSessions: [PrearchiveSessionKey] = []
    var addedFiles: [URL] = []

    mutating func merge(_ other: ReceiveUndo) {
        createdSessions += other.createdSessions
        addedFiles += other.addedFiles
    }
}
