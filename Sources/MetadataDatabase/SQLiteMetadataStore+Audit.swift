import Foundation
import SQLiteNIO
import XNATImport

// The audit log (`audit_events`, migration 0014).
extension SQLiteMetadataStore {
    /// Adds an event.
    package func insertAuditEvent(_ event: AuditEvent) async throws {
        _ = try await connection.query(
            "INSERT INTO audit_events (time, login, action, method, target, status) VALUES (?, ?, ?, ?, ?, ?)",
            [
                .integer(Int(event.time.millisecondsSince1970)), .text(event.login), .text(event.action.rawValue),
                .text(event.method), .text(event.target), .integer(event.status),
            ]
        )
    }

    /// The events from `since` on, of `login` when given, the newest first, at most `limit`.
    package func auditEvents(since: Date?, login: String?, limit: Int) async throws -> [AuditEvent] {
        var sql = "SELECT id, time, login, action, method, target, status FROM audit_events WHERE time >= ?"
        var binds: [SQLiteData] = [.integer(Int(since?.millisecondsSince1970 ?? 0))]
        if let login {
            sql += " AND login = ?"
            binds.append(.text(login))
        }
        sql += " ORDER BY time DESC, id DESC LIMIT ?"
        binds.append(.integer(limit))
        return try await connection.query(sql, binds).map { row in
            guard let action = AuditEvent.Action(rawValue: try row.text("action")) else {
                throw MetadataStoreError(.unusable, message: "audit_events holds an invalid action")
            }
            return AuditEvent(
                id: try row.integer("id"),
                time: Date(millisecondsSince1970: Int64(try row.integer("time"))),
                login: try row.text("login"),
                action: action,
                method: try row.text("method"),
                target: try row.text("target"),
                status: try row.integer("status")
            )
        }
    }
}
