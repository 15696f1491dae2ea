import Foundation
import Logging
import MetadataDatabase
import SQLiteNIO
import TestSupport
import Testing
import XNATImport

@Suite struct SQLiteMetadataStoreTests {
    private let logger = Logger(label: "test")
    private let newestVersion = (try? Migration.bundled().last?.version) ?? 0

    private func configuration(in directory: URL) -> DatabaseConfiguration {
        DatabaseConfiguration(path: directory.appendingPathComponent("sluice.sqlite"))
    }

    /// Reads one pragma through a separate connection, as another process would see the file.
    private func pragma(_ name: String, of path: URL) async throws -> SQLiteData? {
        let connection = try await SQLiteConnection.open(storage: .file(path: path.path))
        let value = try await connection.query("PRAGMA \(name)").first?.columns.first?.data
        try await connection.close()
        return value
    }

    @Test func openCreatesTheFileAndAppliesTheBundledMigrations() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = configuration(in: directory)
            let version = try await SQLiteMetadataStore.withStore(configuration: configuration, logger: logger) {
                try await $0.schemaVersion()
            }
            #expect(version == newestVersion)
            #expect(FileManager.default.fileExists(atPath: configuration.path.path))
        }
    }

    @Test func versionAndSiteAreRecorded() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = configuration(in: directory)
            let siteID = try await SQLiteMetadataStore.withStore(configuration: configuration, logger: logger) {
                try await $0.siteID()
            }
            #expect(siteID == "SLUICE")
            let connection = try await SQLiteConnection.open(storage: .file(path: configuration.path.path))
            let rows = try await connection.query(
                "SELECT version, name, applied_at FROM schema_version ORDER BY version"
            )
            try await connection.close()
            #expect(rows.count == newestVersion)
            #expect(rows.first?.column("version")?.integer == 1)
            #expect(rows.first?.column("name")?.string == "initial")
            #expect(rows.first?.column("applied_at")?.string?.isEmpty == false)
        }
    }

    @Test func reopeningIsANoOp() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = configuration(in: directory)
            for _ in 0..<3 {
                let version = try await SQLiteMetadataStore.withStore(configuration: configuration, logger: logger) {
                    try await $0.schemaVersion()
                }
                #expect(version == newestVersion)
            }
            let connection = try await SQLiteConnection.open(storage: .file(path: configuration.path.path))
            let count = try await connection.query("SELECT COUNT(*) AS n FROM schema_version").first?.column("n")
            let sites = try await connection.query("SELECT COUNT(*) AS n FROM site").first?.column("n")
            try await connection.close()
            #expect(count?.integer == newestVersion)
            #expect(sites?.integer == 1)
        }
    }

    @Test func walModeIsOnInTheFile() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = configuration(in: directory)
            try await SQLiteMetadataStore.withStore(configuration: configuration, logger: logger) { _ in }
            #expect(try await pragma("journal_mode", of: configuration.path)?.string == "wal")
        }
    }

    @Test func createsAMissingParentFolder() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("a/b/sluice.sqlite")
            try await SQLiteMetadataStore.withStore(configuration: .init(path: path), logger: logger) { _ in }
            #expect(FileManager.default.fileExists(atPath: path.path))
        }
    }

    @Test func refusesADatabaseFromANewerSluice() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = configuration(in: directory)
            let newer = try Migration.bundled() + [Migration(version: 9999, name: "future", sql: "SELECT 1;")]
            try await SQLiteMetadataStore.withStore(configuration: configuration, migrations: newer, logger: logger) {
                _ in
            }
            let error = await #expect(throws: MetadataStoreError.self) {
                try await SQLiteMetadataStore.withStore(configuration: configuration, logger: logger) { _ in }
            }
            #expect(error?.kind == .schemaTooNew(databaseVersion: 9999, supportedVersion: newestVersion))
        }
    }
}
