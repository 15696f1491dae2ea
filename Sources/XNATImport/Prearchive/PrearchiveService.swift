import Foundation
import Logging

/// The prearchive: places incoming DICOM objects into sessions, builds session documents, lists and finds sessions
/// (`xnat-import-spec.md` §2.1 steps 4–12, §4, §5).
///
/// Concurrency: finding or creating the session of a study holds a lock per study identity (project, study UID,
/// label, requested folder), and writing or building a session holds a lock per session, always in that order.
/// So two uploads of one study end in one session, every file is renamed into place whole, and a build never sees
/// half a batch. A row is inserted before its files are placed (reserving its key) and removed again if placing
/// fails, so a failed upload leaves no session behind.
package final class PrearchiveService: Sendable {
    /// Where rows are kept.
    package let store: any MetadataStore
    /// Where sessions are on disk.
    package let layout: PrearchiveLayout
    /// Naming and idle-build settings.
    package let configuration: PrearchiveConfiguration
    let identityLocks = KeyedLock<StudyIdentityKey>()
    let sessionLocks = KeyedLock<PrearchiveSessionKey>()
    let clock: @Sendable () -> Date
    let logger: Logger

    /// Creates the service.
    package init(
        store: any MetadataStore,
        layout: PrearchiveLayout,
        configuration: PrearchiveConfiguration = PrearchiveConfiguration(),
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.layout = layout
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
    }

    // MARK: - Reading

    /// The row with this key; ``ImportError`` (404) when there is none.
    package func session(_ key: PrearchiveSessionKey) async throws -> PrearchiveSession {
        guard let row = try await store.prearchiveSession(key) else { throw Self.notFound(key) }
        return row
    }

    /// The rows `user` may see, of the given projects (`nil`: all; the name `Unassigned` stands for unassigned
    /// sessions). Only administrators see Unassigned sessions (§4.7). Direct-archive sessions are not listed until
    /// they fail (§2.7; `/xapi/direct-archive` lists them).
    package func sessions(projects: [String]? = nil, visibleTo user: User) async throws -> [PrearchiveSession] {
        let wanted = projects.map(Set.init)
        return try await store.prearchiveSessions().filter { row in
            if row.project == nil, !user.isAdministrator { return false }
            if row.isDirectArchive, row.status != .error, row.status != .conflict { return false }
            return wanted.map { $0.contains(row.projectName) } ?? true
        }
    }

    /// The session document of a built session (the bytes of `<FOLDER>.xml`); 404 when the session or its
    /// document does not exist (XNAT: "The named session exists, but its XNAT session document is not available").
    package func documentBytes(_ key: PrearchiveSessionKey) async throws -> Data {
        _ = try await session(key)
        let url = layout.sessionDocument(of: key)
        guard let data = try? await BlockingWork.run({ try Data(contentsOf: url) }) else {
            throw ImportError(
                .notFound,
                "The named session exists, but its XNAT session document is not available. The session is likely "
                    + "invalid or incomplete; build it with action=build."
            )
        }
        return data
    }

    static func notFound(_ key: PrearchiveSessionKey) -> ImportError {
        ImportError(.notFound, "No prearchive session \(key.url)")
    }
}

/// What makes two objects land in the same session when no timestamp is pinned: project, study, label and the
/// requested folder (§2.1 step 6).
struct StudyIdentityKey: Hashable, Sendable {
    var project: String?
    var studyInstanceUID: String
    var sessionLabel: String
    var folder: String
    var timestamp: String?
}
