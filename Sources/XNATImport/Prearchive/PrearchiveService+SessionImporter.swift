import Foundation
import Logging

/// One file of a session-importer (SI) upload, staged, and where it goes in its session.
package struct ImportedFile: Sendable {
    /// The staged file, on the prearchive's file system; placing renames it.
    package var file: URL
    /// The name it keeps in the session: the client's (SI never renames).
    package var name: String
    /// DICOM: the `SCANS/<dir>` folder (series number, §2.1 step 7). ECAT: `nil`, numbered when placed.
    package var scanDirectory: String?

    /// Describes a file.
    package init(file: URL, name: String, scanDirectory: String?) {
        self.file = file
        self.name = name
        self.scanDirectory = scanDirectory
    }
}

/// One prearchive session an SI upload makes: a DICOM study or the ECAT files of one patient (§2.3, §12).
package struct ImportedSession: Sendable {
    /// What the files are.
    package enum Format: Sendable, Equatable {
        case dicom
        case ecat
    }

    /// DICOM or ECAT.
    package var format: Format
    /// Project, subject, label and folder.
    package var identity: SessionIdentity
    /// The StudyInstanceUID of DICOM sessions (the row's `tag`).
    package var studyInstanceUID: String?
    /// StudyDate as `yyyy-MM-dd`, until the build says otherwise.
    package var scanDate: String?
    /// StudyTime as `HH:mm:ss`.
    package var scanTime: String?
    /// The files, in upload order.
    package var files: [ImportedFile]

    /// Describes a session.
    package init(
        format: Format,
        identity: SessionIdentity,
        studyInstanceUID: String? = nil,
        scanDate: String? = nil,
        scanTime: String? = nil,
        files: [ImportedFile]
    ) {
        self.format = format
        self.identity = identity
        self.studyInstanceUID = studyInstanceUID
        self.scanDate = scanDate
        self.scanTime = scanTime
        self.files = files
    }
}

extension PrearchiveService {
    /// The `SOURCE` of SI sessions when the request names none.
    package static let sessionImporterSource = "SessionImporter"

    /// A timestamp folder name for now.
    package func newTimestamp() -> PrearchiveTimestamp {
        PrearchiveTimestamp(date: clock(), timeZone: configuration.timeZone)
    }

    /// Creates a new session for `session` under `timestamp` (folder `_1`, `_2`, … when the name is taken) and
    /// places its files with their own names (§2.3). The row is RECEIVING with `prevent_auto_commit`; build it
    /// next. On failure nothing of it is left.
    package func createImportedSession(
        _ session: ImportedSession,
        timestamp: PrearchiveTimestamp,
        options: SessionOptions
    ) async throws -> PrearchiveSessionKey {
        var undo = ReceiveUndo()
        var created: PrearchiveSessionKey?
        let base = session.identity.prearchiveFolder
        for suffix in 0...Self.maximumFolderSuffix where created == nil {
            let key = try Self.importKey(session.identity.project, timestamp, suffix == 0 ? base : "\(base)_\(suffix)")
            if try await store.insertPrearchiveSession(importedRow(key, session: session, options: options)) {
                undo.createdSessions.append(key)
                created = key
            }
        }
        guard let key = created else {
            throw ImportError(.conflict, "Could not find a free prearchive folder for \(base)")
        }
        do {
            undo.addedFiles = try await sessionLocks.withLock(key) {
                let folder = self.layout.sessionFolder(of: key)
                return try await BlockingWork.run {
                    try ImportedFilePlacement.place(session, in: folder, existing: .rename)
                }
            }
        } catch {
            await rollBack(undo)
            throw error
        }
        logger.info(
            "Created a prearchive session",
            metadata: ["prearchive.session": "\(key.url)", "files": "\(session.files.count)"]
        )
        return key
    }

    /// Places `session`'s files into the pinned session `key` (`dest=/prearchive/projects/P/TS/FOLDER`, §2.3),
    /// creating it when it does not exist. An existing session takes them only with `allowMerge` (`overwrite`
    /// given), else 409 "Session already exists with matching files."; a file at a path the session already has
    /// is replaced only with `overwriteFiles`, else 409 before anything moves. Unlike XNAT (§14 quirk 13), a
    /// session that an operation holds answers 409 "Prearc destination is locked.", and a DICOM study joins only
    /// a session of the same study and files only a session of their own format (400), since a prearchive session
    /// builds from one study.
    package func mergeImportedSession(
        _ session: ImportedSession,
        into key: PrearchiveSessionKey,
        options: SessionOptions,
        allowMerge: Bool,
        overwriteFiles: Bool
    ) async throws {
        var undo = ReceiveUndo()
        if try await store.prearchiveSession(key) == nil,
            try await store.insertPrearchiveSession(importedRow(key, session: session, options: options))
        {
            undo.createdSessions.append(key)
        }
        let isNew = !undo.createdSessions.isEmpty
        do {
            undo.addedFiles = try await sessionLocks.withLock(key) {
                guard var row = try await self.store.prearchiveSession(key) else { throw Self.notFound(key) }
                let folder = self.layout.sessionFolder(of: key)
                if !isNew {
                    guard allowMerge else {
                        throw ImportError(.conflict, "Session already exists with matching files.")
                    }
                    guard !row.status.isLocked else { throw ImportError(.conflict, "Prearc destination is locked.") }
                    try await self.checkJoin(session, row: row, folder: folder)
                }
                let added = try await BlockingWork.run {
                    try ImportedFilePlacement.place(session, in: folder, existing: overwriteFiles ? .replace : .refuse)
                }
                // The session has new files (a build runs next, under this importer).
                row.status = .receiving
                row.lastModified = self.clock()
                _ = try await self.store.updatePrearchiveSession(row)
                return added
            }
        } catch {
            await rollBack(undo)
            throw error
        }
        logger.info("Merged an upload into a prearchive session", metadata: ["prearchive.session": "\(key.url)"])
    }

    /// Refuses files that cannot build into one session with what `row` already holds.
    private func checkJoin(_ session: ImportedSession, row: PrearchiveSession, folder: URL) async throws {
        if let tag = row.tag, !tag.isEmpty, let study = session.studyInstanceUID, !study.isEmpty, tag != study {
            throw ImportError(
                .invalidRequest,
                "The prearchive session \(row.key.url) holds another study (StudyInstanceUID \(tag))"
            )
        }
        let other = session.format == .dicom ? ECATSessionBuilder.resourceLabel : ScanResource.primary.rawValue
        let holdsOther = try await BlockingWork.run { ImportedFilePlacement.holdsResource(other, in: folder) }
        if holdsOther {
            throw ImportError(
                .invalidRequest,
                "The prearchive session \(row.key.url) holds \(other) files; "
                    + "\(session.format == .dicom ? "DICOM" : "ECAT") files cannot join it"
            )
        }
    }

    private func importedRow(
        _ key: PrearchiveSessionKey,
        session: ImportedSession,
        options: SessionOptions
    ) -> PrearchiveSession {
        var row = newRow(key, identity: session.identity, options: options)
        row.tag = session.studyInstanceUID.flatMap { $0.isEmpty ? nil : $0 }
        row.scanDate = session.scanDate
        row.scanTime = session.scanTime
        row.autoArchive = key.project == nil ? nil : session.identity.autoArchive.map(PrearchiveCode.init(request:))
        row.source = options.source ?? Self.sessionImporterSource
        row.preventAutoCommit = true
        return row
    }

    private static func importKey(
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
}
