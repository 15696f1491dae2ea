import Foundation
import XNATImport

/// The prearchive listing, `GET /data/prearchive/projects[/P]`, with the columns of XNAT's prearchive table in
/// its order (`xnat-import-spec.md` §4.2, `xnat-clients.md` §1.4).
enum PrearchiveListing {
    static let title = "Prearchive"
    static let columns = [
        "project", "timestamp", "lastmod", "uploaded", "scan_date", "scan_time", "subject", "folderName", "name",
        "tag", "status", "url", "autoarchive", "prevent_anon", "prevent_auto_commit", "SOURCE", "VISIT", "PROTOCOL",
        "TIMEZONE",
    ]

    /// The result set for `sessions`; `lastmod` and `uploaded` as `yyyy-MM-dd HH:mm:ss.SSS` in `timeZone` (xnatpy
    /// parses `lastmod`).
    static func resultSet(_ sessions: [PrearchiveSession], timeZone: TimeZone) -> ResultSet {
        ResultSet(title: title, columns: columns, rows: sessions.map { row(for: $0, timeZone: timeZone) })
    }

    static func row(for session: PrearchiveSession, timeZone: TimeZone) -> [String] {
        [
            session.projectName, session.timestamp.rawValue, format(session.lastModified, timeZone),
            session.uploaded.map { format($0, timeZone) } ?? "", session.scanDate ?? "", session.scanTime ?? "",
            session.subject ?? "", session.folderName, session.name, session.tag ?? "", session.status.rawValue,
            session.url, session.autoArchive?.rawValue ?? "", String(session.preventAnonymization),
            String(session.preventAutoCommit), session.source ?? "", session.visit ?? "", session.protocolName ?? "",
            session.timeZone ?? "",
        ]
    }

    private static func format(_ date: Date, _ timeZone: TimeZone) -> String {
        XNATDateText.timestamp(date, timeZone: timeZone)
    }
}
