import Foundation
import SQLiteNIO
import XNATImport

// Per-project AutoRun webhooks (`project_autorun`, migration 0007): at most one URL per project.
extension SQLiteMetadataStore {
    /// The project's webhook, or `nil` if it has none.
    package func projectWebhook(project: ProjectID) async throws -> URL? {
        let rows = try await connection.query(
            "SELECT webhook FROM project_autorun WHERE project = ?",
            [.text(project.rawValue)]
        )
        guard let row = rows.first else { return nil }
        let text = try row.text("webhook")
        guard let url = URL(string: text) else {
            throw MetadataStoreError(.unusable, message: "Project \(project) has an unreadable webhook URL")
        }
        return url
    }

    /// Sets or replaces the project's webhook; `false` if there is no such project.
    package func setProjectWebhook(_ webhook: URL, project: ProjectID) async throws -> Bool {
        let rows = try await connection.query(
            """
            INSERT INTO project_autorun (project, webhook) SELECT id, ? FROM projects WHERE id = ?
            ON CONFLICT (project) DO UPDATE SET webhook = excluded.webhook RETURNING project
            """,
            [.text(webhook.absoluteString), .text(project.rawValue)]
        )
        return !rows.isEmpty
    }

    /// Removes the project's webhook; `false` if it had none.
    package func deleteProjectWebhook(project: ProjectID) async throws -> Bool {
        let rows = try await connection.query(
            "DELETE FROM project_autorun WHERE project = ? RETURNING project",
            [.text(project.rawValue)]
        )
        return !rows.isEmpty
    }
}
