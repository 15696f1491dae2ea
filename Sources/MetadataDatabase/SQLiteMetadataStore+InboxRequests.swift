import Foundation
import SQLiteNIO
import XNATImport

// Requests of the `inbox` import handler (`inbox_requests`, migration 0010).
extension SQLiteMetadataStore {
    private static let inboxColumns =
        "id, username, session_path, status, cleanup, parameters, resolution, created, updated"

    /// Adds a request and returns it with its new ID.
    package func insertInboxRequest(_ request: InboxRequest) async throws -> InboxRequest {
        let rows = try await connection.query(
            """
            INSERT INTO inbox_requests (username, session_path, status, cleanup, parameters, resolution, created, \
            updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [
                .text(request.username), .text(request.sessionPath), .text(request.status.rawValue),
                .integer(request.cleanupAfterImport ? 1 : 0), .text(try Self.json(request.parameters)),
                .text(request.resolution), .integer(Int(request.created.millisecondsSince1970)),
                .integer(Int(request.updated.millisecondsSince1970)),
            ]
        )
        guard let id = rows.first?.column("id")?.integer else {
            throw MetadataStoreError(.unusable, message: "inbox_requests: no ID returned")
        }
        var stored = request
        stored.id = id
        return stored
    }

    /// Replaces the status, resolution and update time; `false` if there is no such request.
    package func updateInboxRequest(_ request: InboxRequest) async throws -> Bool {
        let rows = try await connection.query(
            "UPDATE inbox_requests SET status = ?, resolution = ?, updated = ? WHERE id = ? RETURNING id",
            [
                .text(request.status.rawValue), .text(request.resolution),
                .integer(Int(request.updated.millisecondsSince1970)), .integer(request.id),
            ]
        )
        return !rows.isEmpty
    }

    /// The request with this ID, or `nil`.
    package func inboxRequest(id: Int) async throws -> InboxRequest? {
        let rows = try await connection.query(
            "SELECT \(Self.inboxColumns) FROM inbox_requests WHERE id = ?",
            [.integer(id)]
        )
        return try rows.first.map(Self.inboxRequest(from:))
    }

    /// Marks unfinished requests Failed.
    package func failUnfinishedInboxRequests(resolution: String, at date: Date) async throws -> Int {
        let rows = try await connection.query(
            """
            UPDATE inbox_requests SET status = 'Failed', resolution = ?, updated = ? \
            WHERE status IN ('Queued', 'Importing') RETURNING id
            """,
            [.text(resolution), .integer(Int(date.millisecondsSince1970))]
        )
        return rows.count
    }

    private static func json(_ parameters: [String: String]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: parameters, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private static func inboxRequest(from row: SQLiteRow) throws -> InboxRequest {
        guard let status = InboxRequest.Status(rawValue: try row.text("status")) else {
            throw MetadataStoreError(.unusable, message: "inbox_requests: unknown status")
        }
        let parameters =
            (try? JSONSerialization.jsonObject(with: Data(try row.text("parameters").utf8))) as? [String: String] ?? [:]
        return InboxRequest(
            id: try row.integer("id"),
            username: try row.text("username"),
            sessionPath: try row.text("session_path"),
            status: status,
            cleanupAfterImport: try row.integer("cleanup") != 0,
            parameters: parameters,
            resolution: try row.text("resolution"),
            created: Date(millisecondsSince1970: Int64(try row.integer("created"))),
            updated: Date(millisecondsSince1970: Int64(try row.integer("updated")))
        )
    }
}
