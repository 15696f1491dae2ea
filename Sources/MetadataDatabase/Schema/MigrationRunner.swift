import Logging
import SQLiteNIO
import XNATImport

/// Brings a database up to the newest migration, one transaction per migration, recording each in `schema_version`.
///
/// The version is read inside the write transaction, so two processes starting at once apply each migration once.
/// Migration scripts must not contain their own `BEGIN`/`COMMIT`.
package struct MigrationRunner: Sendable {
    /// The migrations to apply, in version order.
    package var migrations: [Migration]

    /// Creates a runner for `migrations`, which must be sorted by version (as ``Migration/bundled()`` returns them).
    package init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Applies every migration newer than the database and returns the version the database is at afterwards.
    @discardableResult
    package func run(on connection: SQLiteConnection, logger: Logger) async throws -> Int {
        let newest = migrations.last?.version ?? 0
        let current = try await Self.currentVersion(of: connection)
        guard current <= newest else {
            throw MetadataStoreError(
                .schemaTooNew(databaseVersion: current, supportedVersion: newest),
                message: "The database is at schema version \(current); this Sluice knows up to \(newest)"
            )
        }
        for migration in migrations where migration.version > current {
            try await apply(migration, on: connection, logger: logger)
        }
        return try await Self.currentVersion(of: connection)
    }

    /// The highest version recorded in `schema_version`, or 0 when that table does not exist yet.
    package static func currentVersion(of connection: SQLiteConnection) async throws -> Int {
        let tables = try await connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        )
        guard !tables.isEmpty else {
            return 0
        }
        let rows = try await connection.query("SELECT MAX(version) AS version FROM schema_version")
        return rows.first?.column("version")?.integer ?? 0
    }

    private func apply(_ migration: Migration, on connection: SQLiteConnection, logger: Logger) async throws {
        _ = try await connection.query("BEGIN IMMEDIATE")
        do {
            // Another process may have applied it while we waited for the write lock.
            if try await Self.currentVersion(of: connection) >= migration.version {
                _ = try await connection.query("COMMIT")
                return
            }
            for statement in SQLStatementSplitter.statements(in: migration.sql) {
                _ = try await connection.query(statement)
            }
            _ = try await connection.query(
                """
                INSERT INTO schema_version (version, name, applied_at)
                VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                """,
                [.integer(migration.version), .text(migration.name)]
            )
            _ = try await connection.query("COMMIT")
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw MetadataStoreError(
                .migrationFailed(version: migration.version),
                message: "Migration \(migration.version) (\(migration.name)) failed and was rolled back",
                underlying: error
            )
        }
        logger.info(
            "Applied database migration",
            metadata: [
                LogMetadataKey.migrationVersion: "\(migration.version)",
                LogMetadataKey.migrationName: "\(migration.name)",
            ]
        )
    }
}
