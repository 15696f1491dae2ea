import Foundation
import Logging
import SQLiteNIO
import XNATImport

/// The SQLite implementation of ``MetadataStore``: one connection to a file in WAL mode.
package final class SQLiteMetadataStore: MetadataStore {
    /// The one connection; `+Accounts`, `+Projects` and `+Prearchive` query it too. SQLite serialises its statements (FULLMUTEX).
    let connection: SQLiteConnection
    /// `projects()` between changes to the `projects` table.
    let projectList = ProjectListCache()
    private let logger: Logger

    private init(connection: SQLiteConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Opens (creating if needed) the database file, sets WAL mode, `synchronous=FULL` and foreign keys, and applies
    /// `migrations` (the bundled ones by default). Call ``close()`` when done, or use ``withStore(configuration:migrations:logger:_:)``.
    package static func open(
        configuration: DatabaseConfiguration,
        migrations: [Migration]? = nil,
        logger: Logger
    ) async throws -> SQLiteMetadataStore {
        var logger = logger
        logger[metadataKey: LogMetadataKey.databasePath] = "\(configuration.path.path)"
        let migrations = try migrations ?? Migration.bundled()
        try FileManager.default.createDirectory(
            at: configuration.path.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        let connection = try await SQLiteConnection.open(storage: .file(path: configuration.path.path), logger: logger)
        do {
            try await configure(connection)
            let version = try await MigrationRunner(migrations: migrations).run(on: connection, logger: logger)
            logger.debug("Opened metadata database", metadata: [LogMetadataKey.schemaVersion: "\(version)"])
        } catch {
            try? await connection.close()
            throw error
        }
        return SQLiteMetadataStore(connection: connection, logger: logger)
    }

    /// Opens the store, runs `body`, and closes the store whether or not `body` throws.
    package static func withStore<Value: Sendable>(
        configuration: DatabaseConfiguration,
        migrations: [Migration]? = nil,
        logger: Logger,
        _ body: (SQLiteMetadataStore) async throws -> Value
    ) async throws -> Value {
        let store = try await open(configuration: configuration, migrations: migrations, logger: logger)
        let result: Value
        do {
            result = try await body(store)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        return result
    }

    // MARK: - MetadataStore

    /// The highest version in `schema_version`.
    package func schemaVersion() async throws -> Int {
        try await MigrationRunner.currentVersion(of: connection)
    }

    /// The `site_id` of the one `site` row.
    package func siteID() async throws -> String {
        let rows = try await connection.query("SELECT site_id FROM site WHERE id = 1")
        guard let siteID = rows.first?.column("site_id")?.string else {
            throw MetadataStoreError(.unusable, message: "The site table has no row")
        }
        return siteID
    }

    /// Replaces the one `site` row's `site_id`.
    package func setSiteID(_ siteID: String) async throws {
        _ = try await connection.query("UPDATE site SET site_id = ? WHERE id = 1", [.text(siteID)])
    }

    /// Closes the connection; SQLite folds the WAL back into the database file.
    package func close() async throws {
        try await connection.close()
        logger.debug("Closed metadata database")
    }

    // MARK: - Connection settings

    private static func configure(_ connection: SQLiteConnection) async throws {
        // WAL lets readers run during a write; FULL syncs the WAL on every commit, so a committed import
        // survives a power cut (https://sqlite.org/pragma.html#pragma_synchronous).
        let mode = try await connection.query("PRAGMA journal_mode = WAL").first?.column("journal_mode")?.string
        guard mode == "wal" else {
            throw MetadataStoreError(
                .unusable,
                message: "SQLite refused WAL mode (journal_mode is \(mode ?? "unknown"))"
            )
        }
        _ = try await connection.query("PRAGMA synchronous = FULL")
        _ = try await connection.query("PRAGMA foreign_keys = ON")
        // `sluice user` may write while the server runs: wait for the other process's write lock instead of failing.
        _ = try await connection.query("PRAGMA busy_timeout = 5000")
    }
}
