import Foundation

/// `Direct-Archive=true` (`xnat-import-spec.md` §2.7). XNAT writes such uploads straight into the archive folder
/// and tracks them in a table of their own; Sluice stages them like any prearchive session (so they share its
/// locking, build and crash recovery, and archiving hard-links the files instead of copying them) but flags the row:
/// flagged sessions are hidden from prearchive listings, archive by themselves when idle (as auto-archive sessions
/// do), and can be archived at once at `/xapi/direct-archive/<project>/<StudyInstanceUID>/<label>`. If archiving
/// fails the flag is cleared and the session stays in the prearchive as ERROR or CONFLICT, with
/// `Attempt to direct-archive failed: …` in its log, as XNAT moves a failed one there.
package enum DirectArchive {
    /// `/xapi/direct-archive/<project>/<tag>/<name>`, with each part percent-encoded.
    package static func uri(project: String, tag: String, name: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%;")
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        return "/xapi/direct-archive/\(encode(project))/\(encode(tag))/\(encode(name))"
    }
}

extension PrearchiveService {
    /// The direct-archive sessions still waiting to be archived, of every project or of `project`.
    package func directArchiveSessions(project: String? = nil) async throws -> [PrearchiveSession] {
        try await store.prearchiveSessions().filter { row in
            row.isDirectArchive && row.project != nil && (project == nil || row.project == project)
        }
    }

    /// The waiting direct-archive session of `project` for study `tag` labelled `name`; 404 if there is none.
    package func directArchiveSession(project: String, tag: String, name: String) async throws -> PrearchiveSession {
        let rows = try await store.prearchiveSessions(project: project, tag: tag, name: name)
        guard let row = rows.first(where: \.isDirectArchive) else {
            throw ImportError(.notFound, "No direct-archive session \(project)/\(tag)/\(name)")
        }
        return row
    }
}
