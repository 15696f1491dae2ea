import Foundation
import Logging
import MetadataDatabase
import SQLiteNIO
import TestSupport
import Testing
import XNATImport

@Suite struct MigrationRunnerTests {
    private let logger = Logger(label: "test")

    private func withConnection(_ body: (SQLiteConnection) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let connection = try await SQLiteConnection.open(
                storage: .file(path: directory.appendingPathComponent("test.sqlite").path)
            )
            do {
                try await body(connection)
            } catch {
                try await connection.close()
                throw error
            }
            try await connection.close()
        }
    }

    private func tableNames(_ connection: SQLiteConnection) async throws -> Set<String> {
        let rows = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        return Set(rows.compactMap { $0.column("name")?.string })
    }

    @Test func bundledMigrationsAreNumberedFromOne() throws {
        let migrations = try Migration.bundled()
        #expect(migrations.map(\.version) == Array(1...migrations.count))
        #expect(migrations.first?.name == "initial")
        #expect(migrations.dropFirst().first?.name == "accounts_projects")
    }

    @Test func emptyDatabaseIsVersionZero() async throws {
        try await withConnection { connection in
            let version = try await MigrationRunner.currentVersion(of: connection)
            #expect(version == 0)
        }
    }

    @Test func appliesInOrderAndOnlyOnce() async throws {
        try await withConnection { connection in
            let first = try Migration.bundled()
            let newest = try #require(first.last?.version)
            #expect(try await MigrationRunner(migrations: first).run(on: connection, logger: logger) == newest)
            let second = Migration(
                version: newest + 1,
                name: "notes",
                sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL); -- a comment; not a statement"
            )
            let runner = MigrationRunner(migrations: first + [second])
            #expect(try await runner.run(on: connection, logger: logger) == newest + 1)
            #expect(try await runner.run(on: connection, logger: logger) == newest + 1)
            #expect(try await tableNames(connection).isSuperset(of: ["schema_version", "site", "note"]))
        }
    }

    @Test func aFailingMigrationIsRolledBackWhole() async throws {
        try await withConnection { connection in
            let bundled = try Migration.bundled()
            let newest = try #require(bundled.last?.version)
            let broken = Migration(
                version: newest + 1,
                name: "broken",
                sql: "CREATE TABLE half (id INTEGER);\nINSERT INTO no_such_table VALUES (1);"
            )
            let runner = MigrationRunner(migrations: bundled + [broken])
            let error = await #expect(throws: MetadataStoreError.self) {
                try await runner.run(on: connection, logger: logger)
            }
            #expect(error?.kind == .migrationFailed(version: newest + 1))
            #expect(try await MigrationRunner.currentVersion(of: connection) == newest)
            #expect(try await !tableNames(connection).contains("half"))
        }
    }

    @Test func loadRejectsBadlyNamedFiles() throws {
        let folder = try TemporaryDirectory()
        defer { try? folder.remove() }
        try Data("SELECT 1;".utf8).write(to: folder.url.appendingPathComponent("1_short.sql"))
        let error = #expect(throws: MetadataStoreError.self) { try Migration.load(from: folder.url) }
        #expect(error?.kind == .migrationsUnreadable)
    }

    @Test func loadSortsByVersion() throws {
        let folder = try TemporaryDirectory()
        defer { try? folder.remove() }
        for name in ["0002_second.sql", "0001_first.sql", "README.md"] {
            try Data("SELECT 1;".utf8).write(to: folder.url.appendingPathComponent(name))
        }
        #expect(try Migration.load(from: folder.url).map(\.name) == ["first", "second"])
    }
}
