import Foundation
import SQLiteNIO
import XNATImport

// Unassigned is stored as the project '' (NOT NULL), so that the unique key also holds for Unassigned sessions.
extension SQLiteMetadataStore {
    private static let keyColumns = "project, timestamp, folder_name"
    private static let valueColumns = """
        last_modified, uploaded, scan_date, scan_time, subject, name, tag, status, autoarchive, prevent_anon, \
        prevent_auto_commit, source, visit, protocol, timezone, direct_archive
        """
    private static let prearchiveColumns = "\(keyColumns), \(valueColumns)"

    /// The row with this key, or `nil`.
    package func prearchiveSession(_ key: PrearchiveSessionKey) async throws -> PrearchiveSession? {
        let rows = try await connection.query(
            """
            SELECT \(Self.prearchiveColumns) FROM prearchive_sessions
            WHERE timestamp = ? AND project = ? AND folder_name = ?
            """,
            Self.binds(of: key)
        )
        return try rows.first.map(Self.prearchiveSession(from:))
    }

    /// The rows with this project, tag and name, the most recently modified first.
    package func prearchiveSessions(project: String?, tag: String, name: String) async throws -> [PrearchiveSession] {
        let rows = try await connection.query(
            """
            SELECT \(Self.prearchiveColumns) FROM prearchive_sessions
            WHERE project = ? AND tag = ? AND name = ?
            ORDER BY last_modified DESC, timestamp DESC, folder_name
            """,
            [.text(Self.storedProject(project)), .text(tag), .text(name)]
        )
        return try rows.map(Self.prearchiveSession(from:))
    }

    /// Every row, ordered by project (Unassigned, stored as '', first), timestamp and folder name.
    package func prearchiveSessions() async throws -> [PrearchiveSession] {
        let rows = try await connection.query(
            "SELECT \(Self.prearchiveColumns) FROM prearchive_sessions ORDER BY project, timestamp, folder_name"
        )
        return try rows.map(Self.prearchiveSession(from:))
    }

    /// The rows with this status, the least recently modified first.
    package func prearchiveSessions(status: PrearchiveStatus) async throws -> [PrearchiveSession] {
        let rows = try await connection.query(
            """
            SELECT \(Self.prearchiveColumns) FROM prearchive_sessions WHERE status = ?
            ORDER BY last_modified, project, timestamp, folder_name
            """,
            [.text(status.rawValue)]
        )
        return try rows.map(Self.prearchiveSession(from:))
    }

    /// Adds a row; `false` if a row with the same key exists already.
    package func insertPrearchiveSession(_ session: PrearchiveSession) async throws -> Bool {
        let rows = try await connection.query(
            """
            INSERT INTO prearchive_sessions (\(Self.prearchiveColumns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (timestamp, project, folder_name) DO NOTHING RETURNING folder_name
            """,
            [.text(Self.storedProject(session.project)), .text(session.timestamp.rawValue), .text(session.folderName)]
                + Self.values(of: session)
        )
        return !rows.isEmpty
    }

    /// Replaces every non-key column of the row with `session.key`; `false` if there is no such row.
    package func updatePrearchiveSession(_ session: PrearchiveSession) async throws -> Bool {
        let rows = try await connection.query(
            """
            UPDATE prearchive_sessions SET last_modified = ?, uploaded = ?, scan_date = ?, scan_time = ?, \
            subject = ?, name = ?, tag = ?, status = ?, autoarchive = ?, prevent_anon = ?, prevent_auto_commit = ?, \
            source = ?, visit = ?, protocol = ?, timezone = ?, direct_archive = ?
            WHERE timestamp = ? AND project = ? AND folder_name = ? RETURNING folder_name
            """,
            Self.values(of: session) + Self.binds(of: session.key)
        )
        return !rows.isEmpty
    }

    /// Removes the row with this key; `false` if there was none.
    package func deletePrearchiveSession(_ key: PrearchiveSessionKey) async throws -> Bool {
        let rows = try await connection.query(
            """
            DELETE FROM prearchive_sessions WHERE timestamp = ? AND project = ? AND folder_name = ?
            RETURNING folder_name
            """,
            Self.binds(of: key)
        )
        return !rows.isEmpty
    }

    // MARK: - Rows

    private static func storedProject(_ project: String?) -> String {
        project ?? ""
    }

    /// The key in the order of the `WHERE timestamp = ? AND project = ? AND folder_name = ?` clauses.
    private static func binds(of key: PrearchiveSessionKey) -> [SQLiteData] {
        [.text(key.timestamp.rawValue), .text(storedProject(key.project)), .text(key.folderName)]
    }

    /// The non-key columns, in the order of ``valueColumns``.
    private static func values(of session: PrearchiveSession) -> [SQLiteData] {
        [
            .integer(Int(session.lastModified.millisecondsSince1970)),
            session.uploaded.map { .integer(Int($0.millisecondsSince1970)) } ?? .null,
            optional(session.scanDate), optional(session.scanTime), optional(session.subject),
            .text(session.name), optional(session.tag), .text(session.status.rawValue),
            optional(session.autoArchive?.rawValue),
            .integer(session.preventAnonymization ? 1 : 0), .integer(session.preventAutoCommit ? 1 : 0),
            optional(session.source), optional(session.visit), optional(session.protocolName),
            optional(session.timeZone), .integer(session.isDirectArchive ? 1 : 0),
        ]
    }

    private static func optional(_ text: String?) -> SQLiteData {
        text.map { .text($0) } ?? .null
    }

    private static func prearchiveSession(from row: SQLiteRow) throws -> PrearchiveSession {
        let storedProject = try row.text("project")
        let storedTimestamp = try row.text("timestamp")
        let storedFolder = try row.text("folder_name")
        let storedStatus = try row.text("status")
        let storedCode = try row.optionalText("autoarchive")
        let described = "\(storedProject.isEmpty ? "Unassigned" : storedProject)/\(storedTimestamp)/\(storedFolder)"
        guard let timestamp = PrearchiveTimestamp(rawValue: storedTimestamp),
            let key = try? PrearchiveSessionKey(
                project: storedProject.isEmpty ? nil : storedProject,
                timestamp: timestamp,
                folderName: storedFolder
            )
        else {
            throw MetadataStoreError(.unusable, message: "Prearchive row \(described) has an invalid key")
        }
        guard let status = PrearchiveStatus(rawValue: storedStatus) else {
            throw MetadataStoreError(.unusable, message: "Prearchive row \(described) has an invalid status")
        }
        var autoArchive: PrearchiveCode?
        if let storedCode {
            guard let code = PrearchiveCode(rawValue: storedCode) else {
                throw MetadataStoreError(.unusable, message: "Prearchive row \(described) has an invalid autoarchive")
            }
            autoArchive = code
        }
        var session = PrearchiveSession(
            key: key,
            name: try row.text("name"),
            status: status,
            lastModified: Date(millisecondsSince1970: Int64(try row.integer("last_modified"))),
            uploaded: try row.optionalInteger("uploaded").map { Date(millisecondsSince1970: Int64($0)) }
        )
        session.scanDate = try row.optionalText("scan_date")
        session.scanTime = try row.optionalText("scan_time")
        session.subject = try row.optionalText("subject")
        session.tag = try row.optionalText("tag")
        session.autoArchive = autoArchive
        session.preventAnonymization = try row.integer("prevent_anon") != 0
        session.preventAutoCommit = try row.integer("prevent_auto_commit") != 0
        session.source = try row.optionalText("source")
        session.visit = try row.optionalText("visit")
        session.protocolName = try row.optionalText("protocol")
        session.timeZone = try row.optionalText("timezone")
        session.isDirectArchive = try row.integer("direct_archive") != 0
        return session
    }
}
