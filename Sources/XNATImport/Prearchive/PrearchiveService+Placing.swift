import DICOM
import Foundation
import Logging

extension PrearchiveService {
    /// How many `_1`, `_2`, … folder suffixes are tried when a new session's key is taken (XNAT tries three).
    static let maximumFolderSuffix = 9

    /// The session an object joins (§2.1 step 6): the pinned one (`dest`, `PREARC_TIMESTAMP`), else the newest
    /// session of the same project, study and label that may be reopened, else a new one stamped now. Called
    /// under the identity lock. A new row is inserted at once, reserving its key, and recorded in `undo`.
    func findOrCreateSession(
        for placement: Placement,
        identityKey: StudyIdentityKey,
        options: SessionOptions,
        undo: inout ReceiveUndo
    ) async throws -> PrearchiveSessionKey {
        let identity = placement.identity
        let study = placement.object.studyInstanceUID
        if let pinned = identity.prearchiveTimestamp {
            guard let timestamp = PrearchiveTimestamp(rawValue: pinned) else {
                throw ImportError(.invalidRequest, "Invalid prearchive timestamp \(pinned): use yyyyMMdd_HHmmssSSS")
            }
            let key = try Self.key(identity.project, timestamp, identity.prearchiveFolder)
            if let row = try await store.prearchiveSession(key) {
                if let tag = row.tag, !tag.isEmpty, !study.isEmpty, tag != study {
                    throw ImportError(
                        .invalidRequest,
                        "The prearchive session \(key.url) holds another study (StudyInstanceUID \(tag))"
                    )
                }
                try await reopen(row)
                return key
            }
            try await insertNewSession(key, placement: placement, options: options, undo: &undo)
            return key
        }
        let candidates = try await store.prearchiveSessions(
            project: identity.project,
            tag: study,
            name: identity.sessionLabel
        )
        if let row = candidates.first(where: { $0.status.isInterruptible && $0.folderName == identity.prearchiveFolder })
        {
            try await reopen(row)
            return row.key
        }
        let timestamp = PrearchiveTimestamp(date: clock(), timeZone: configuration.timeZone)
        for suffix in 0...Self.maximumFolderSuffix {
            let folder = suffix == 0 ? identity.prearchiveFolder : "\(identity.prearchiveFolder)_\(suffix)"
            let key = try Self.key(identity.project, timestamp, folder)
            if try await insertNewSession(key, placement: placement, options: options, undo: &undo) { return key }
        }
        throw ImportError(.conflict, "Could not find a free prearchive folder for \(identity.prearchiveFolder)")
    }

    /// Marks a reopened session: a build in progress is told new data came (RECEIVING_INTERRUPT); the final
    /// RECEIVING is written once the files are in place.
    private func reopen(_ row: PrearchiveSession) async throws {
        guard row.status == .building else { return }
        var row = row
        row.status = .receivingInterrupt
        row.lastModified = clock()
        _ = try await store.updatePrearchiveSession(row)
    }

    @discardableResult
    private func insertNewSession(
        _ key: PrearchiveSessionKey,
        placement: Placement,
        options: SessionOptions,
        undo: inout ReceiveUndo
    ) async throws -> Bool {
        let header = placement.object.header
        var row = newRow(key, identity: placement.identity, options: options)
        row.tag = placement.object.studyInstanceUID.isEmpty ? nil : placement.object.studyInstanceUID
        row.scanDate = header.date(.studyDate)?.description
        row.scanTime = header.time(.studyTime)?.description
        row.autoArchive =
            key.project == nil
            ? nil : placement.identity.autoArchive.map(PrearchiveCode.init(request:)) ?? placement.projectCode
        if options.directArchive, key.project != nil {
            // §2.7: archived when idle (or when asked at /xapi/direct-archive/…), hidden from listings until then.
            row.isDirectArchive = true
            row.autoArchive = row.autoArchive == .autoArchiveOverwrite ? .autoArchiveOverwrite : .autoArchive
        }
        guard try await store.insertPrearchiveSession(row) else { return false }
        undo.createdSessions.append(key)
        logger.info("Created a prearchive session", metadata: ["prearchive.session": "\(key.url)"])
        return true
    }

    /// A new RECEIVING row for `identity`, stamped now, with the request's per-session values.
    func newRow(_ key: PrearchiveSessionKey, identity: SessionIdentity, options: SessionOptions) -> PrearchiveSession {
        let now = clock()
        var row = PrearchiveSession(
            key: key,
            name: identity.sessionLabel,
            status: .receiving,
            lastModified: now,
            uploaded: key.timestamp.date(in: configuration.timeZone) ?? now
        )
        row.subject = identity.subject
        row.source = options.source
        row.visit = options.visit
        row.protocolName = options.protocolName
        row.timeZone = options.timeZone
        row.preventAnonymization = options.preventAnonymization
        row.preventAutoCommit = options.preventAutoCommit
        return row
    }

    private static func key(
        _ project: String?,
        _ timestamp: PrearchiveTimestamp,
        _ folder: String
    ) throws -> PrearchiveSessionKey {
        do {
            return try PrearchiveSessionKey(project: project, timestamp: timestamp, folderName: folder)
        } catch {
            throw ImportError(.invalidRequest, "\(error)")
        }
    }

    /// Renames each staged object into `SCANS/<scan dir>/DICOM/` of the session folder under the name §7.3 picks,
    /// replacing a file only when it holds the same instance. Returns the files that did not exist before; on a
    /// failure those are deleted again before the error is thrown. Blocking IO.
    static func place(
        _ objects: [IncomingObject],
        in sessionFolder: URL,
        template: FileNameTemplate,
        rename: Bool
    ) throws -> [URL] {
        var added: [URL] = []
        var folders: Set<String> = []
        do {
            for object in objects {
                let header = object.header
                let scan = ScanDirectory.name(
                    seriesNumber: header.string(.seriesNumber),
                    seriesInstanceUID: header.string(.seriesInstanceUID)
                )
                let folder = sessionFolder.appendingPathComponent(PrearchiveLayout.scansFolderName, isDirectory: true)
                    .appendingPathComponent(scan, isDirectory: true)
                    .appendingPathComponent(ScanResource.primary.rawValue, isDirectory: true)
                let name = StoredFileName.choose(
                    generatedName: template.fileName(for: header),
                    clientName: object.clientName,
                    rename: rename,
                    sopClassUID: object.sopClassUID,
                    sopInstanceUID: object.sopInstanceUID,
                    existingFile: { existingFile(folder.appendingPathComponent($0, isDirectory: false)) }
                )
                let target = folder.appendingPathComponent(name, isDirectory: false)
                let isNew = !FileManager.default.fileExists(atPath: target.path)
                try AtomicFile.move(object.file, to: target, flushingFolder: false)
                if isNew { added.append(target) }
                folders.insert(folder.path)
            }
            // One flush per folder, after all its renames: the names are on disk before the caller answers.
            for folder in folders.sorted() {
                try AtomicFile.synchronizeFolder(URL(fileURLWithPath: folder, isDirectory: true))
            }
        } catch {
            for file in added { try? FileManager.default.removeItem(at: file) }
            throw error
        }
        return added
    }

    private static func existingFile(_ url: URL) -> StoredFileName.ExistingFile {
        guard FileManager.default.fileExists(atPath: url.path) else { return .absent }
        guard let file = try? IncomingObject.readHeader(url) else { return .unreadable }
        func uid(_ tag: Tag) -> String? { file.dataSet.string(tag)?.trimmingASCIIWhitespace() }
        return .instance(sopClassUID: uid(.sopClassUID), sopInstanceUID: uid(.sopInstanceUID))
    }

    /// Undoes a failed receive: deletes the files it added, then each session it created if nothing else is in
    /// it by now (another upload may have joined it), row and folder both.
    func rollBack(_ undo: ReceiveUndo) async {
        for file in undo.addedFiles { try? FileManager.default.removeItem(at: file) }
        for key in undo.createdSessions {
            try? await sessionLocks.withLock(key) {
                let folder = self.layout.sessionFolder(of: key)
                let scans = folder.appendingPathComponent(PrearchiveLayout.scansFolderName, isDirectory: true)
                guard Self.holdsNoFiles(scans) else { return }
                try? FileManager.default.removeItem(at: folder)
                try? FileManager.default.removeItem(at: self.layout.sessionDocument(of: key))
                _ = try await self.store.deletePrearchiveSession(key)
                self.logger.info("Removed a prearchive session after a failed upload", metadata: ["prearchive.session": "\(key.url)"])
            }
        }
    }

    private static func holdsNoFiles(_ folder: URL) -> Bool {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return true }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            return false
        }
        return true
    }
}

extension PrearchiveCode {
    /// The row code an `AA:` request asks for.
    init(request: AutoArchiveRequest) {
        switch request {
        case .autoArchive: self = .autoArchive
        case .manual: self = .manual
        }
    }
}
