import Foundation

/// What a commit did: the session stayed in the prearchive, or it was archived.
package enum CommitOutcome: Sendable, Equatable {
    /// Built and left in the prearchive (READY).
    case prearchived(PrearchiveSessionKey)
    /// Archived; the archive URI (`/archive/projects/…`).
    case archived(String)

    /// The URI to answer, `/data`-prefixed.
    package var uri: String {
        switch self {
        case .prearchived(let key): "/data" + key.url
        case .archived(let uri): "/data" + uri
        }
    }
}

extension ArchiveService {
    /// `action=commit` (§4.6, §2.2 step 3): builds the session, then archives it when it auto-archives: its row
    /// code is AutoArchive or AutoArchiveOverwrite, the request says `AA`/`auto-archive`=true (or `dest` is an
    /// archive URI), or the project's prearchive code is 4 or 5. Unassigned sessions never archive.
    ///
    /// An auto-archive code also allows merging into an existing session, and AutoArchiveOverwrite replacing
    /// files, whatever `overwrite` says (§2.2 step 3, §6.4).
    package func commit(
        _ key: PrearchiveSessionKey,
        requestsArchive: Bool = false,
        request: ArchiveRequest
    ) async throws -> CommitOutcome {
        let row = try await prearchive.commit(key)
        if !request.fields.isEmpty { try await prearchive.applyFields(request.fields, to: key) }
        guard let project = key.project, let projectID = try? ProjectID(project) else { return .prearchived(key) }
        let projectCode = try await store.project(id: projectID)?.prearchiveCode
        let rowCode = row.autoArchive
        let archives =
            (rowCode?.archivesAutomatically ?? false) || requestsArchive
            || (projectCode?.archivesAutomatically ?? false)
        guard archives else { return .prearchived(key) }
        var request = request
        if (rowCode ?? projectCode)?.archivesAutomatically == true { request.options.allowSessionMerge = true }
        if (rowCode ?? projectCode) == .autoArchiveOverwrite { request.options.overwriteFiles = true }
        return .archived(try await archive(key, request: request))
    }

    /// Whether the session archives by itself: its row code or its project's code is 4 or 5 (§4.6).
    package func autoArchives(_ key: PrearchiveSessionKey) async throws -> Bool {
        guard let project = key.project, let projectID = try? ProjectID(project) else { return false }
        if try await prearchive.session(key).autoArchive?.archivesAutomatically == true { return true }
        return try await store.project(id: projectID)?.prearchiveCode.archivesAutomatically ?? false
    }

    /// The idle timer (§4.5): quiet RECEIVING sessions are committed, so auto-archive projects archive them.
    package func commitIdleSessions() async {
        await prearchive.buildIdleSessions { key in
            _ = try await self.commit(
                key,
                request: ArchiveRequest(
                    options: ArchiveOptions(allowSessionMerge: true),
                    user: User(login: "admin", isAdministrator: true)
                )
            )
        }
    }
}
