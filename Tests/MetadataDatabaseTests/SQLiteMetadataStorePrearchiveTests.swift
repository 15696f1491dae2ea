import Foundation
import Logging
import MetadataDatabase
import SQLiteNIO
import TestSupport
import Testing
import XNATImport

@Suite struct SQLiteMetadataStorePrearchiveTests {
    private let start: Int64 = 1_700_000_000_123

    private func timestamp(_ raw: String) throws -> PrearchiveTimestamp {
        try #require(PrearchiveTimestamp(rawValue: raw))
    }

    private func key(_ project: String?, _ timestamp: String, _ folder: String) throws -> PrearchiveSessionKey {
        try PrearchiveSessionKey(project: project, timestamp: self.timestamp(timestamp), folderName: folder)
    }

    /// A row with only the required columns, modified `offset` milliseconds after `start`.
    private func row(
        _ key: PrearchiveSessionKey,
        name: String = "S1",
        tag: String? = nil,
        status: PrearchiveStatus = .receiving,
        modifiedAfter offset: Int64 = 0
    ) -> PrearchiveSession {
        var session = PrearchiveSession(
            key: key,
            name: name,
            status: status,
            lastModified: Date(millisecondsSince1970: start + offset)
        )
        session.tag = tag
        return session
    }

    /// A row with every column set.
    private func fullRow(_ key: PrearchiveSessionKey) -> PrearchiveSession {
        var session = PrearchiveSession(
            key: key,
            name: "Session 1",
            status: .ready,
            lastModified: Date(millisecondsSince1970: start),
            uploaded: Date(millisecondsSince1970: start - 60_000)
        )
        session.scanDate = "2024-01-02"
        session.scanTime = "03:04:05"
        session.subject = "Subject 1"
        session.tag = "1.2.840.1.2.3"
        session.autoArchive = .autoArchiveOverwrite
        session.preventAnonymization = true
        session.preventAutoCommit = true
        session.source = "uploader"
        session.visit = "V1"
        session.protocolName = "Protocol A"
        session.timeZone = "Europe/Berlin"
        return session
    }

    @Test func everyColumnRoundTripsIncludingEmptyOnesAndUnassigned() async throws {
        try await withTemporaryStore { (store) async throws in
            let full = fullRow(try key("P1", "20240102_030405123", "S1"))
            let minimal = row(try key(nil, "20240102_030405", "S1"))
            #expect(try await store.insertPrearchiveSession(full))
            #expect(try await store.insertPrearchiveSession(minimal))
            #expect(try await store.prearchiveSession(full.key) == full)
            #expect(try await store.prearchiveSession(minimal.key) == minimal)
            #expect(try await store.prearchiveSession(try key("Unassigned", "20240102_030405", "S1")) == minimal)
            #expect(try await store.prearchiveSession(try key("P1", "20240102_030405", "S1")) == nil)
        }
    }

    @Test func aDuplicateKeyIsNotInsertedAndChangesNothing() async throws {
        try await withTemporaryStore { (store) async throws in
            let original = fullRow(try key("P1", "20240102_030405123", "S1"))
            var duplicate = row(original.key, name: "Other", status: .error, modifiedAfter: 5)
            duplicate.subject = "Other"
            #expect(try await store.insertPrearchiveSession(original))
            #expect(try await !store.insertPrearchiveSession(duplicate))
            #expect(try await store.prearchiveSessions() == [original])
        }
    }

    @Test func unassignedRowsWithTheSameTimestampAndFolderCollide() async throws {
        try await withTemporaryStore { (store) async throws in
            let first = row(try key(nil, "20240102_030405123", "S1"), name: "First")
            let second = row(try key(nil, "20240102_030405123", "S1"), name: "Second")
            #expect(try await store.insertPrearchiveSession(first))
            #expect(try await !store.insertPrearchiveSession(second))
            #expect(try await store.insertPrearchiveSession(row(try key("P1", "20240102_030405123", "S1"))))
            #expect(try await store.prearchiveSessions().map(\.name) == ["First", "S1"])
        }
    }

    @Test func anUpdateReplacesEveryColumnOrReportsAMissingRow() async throws {
        try await withTemporaryStore { (store) async throws in
            let sessionKey = try key("P1", "20240102_030405123", "S1")
            #expect(try await !store.updatePrearchiveSession(row(sessionKey)))
            #expect(try await store.prearchiveSessions().isEmpty)

            let full = fullRow(sessionKey)
            _ = try await store.insertPrearchiveSession(full)
            let cleared = row(sessionKey, name: "Renamed", status: .queuedArchiving, modifiedAfter: 1_000)
            #expect(try await store.updatePrearchiveSession(cleared))
            #expect(try await store.prearchiveSession(sessionKey) == cleared)
            #expect(try await store.updatePrearchiveSession(full))
            #expect(try await store.prearchiveSession(sessionKey) == full)
            #expect(try await !store.updatePrearchiveSession(row(try key(nil, "20240102_030405123", "S1"))))
        }
    }

    @Test func aDeleteRemovesOnlyThatRow() async throws {
        try await withTemporaryStore { (store) async throws in
            let kept = row(try key(nil, "20240102_030405123", "S1"))
            let removed = row(try key("P1", "20240102_030405123", "S1"))
            _ = try await store.insertPrearchiveSession(kept)
            _ = try await store.insertPrearchiveSession(removed)
            #expect(try await store.deletePrearchiveSession(removed.key))
            #expect(try await !store.deletePrearchiveSession(removed.key))
            #expect(try await store.prearchiveSessions() == [kept])
        }
    }

    @Test func theStudyLookupIgnoresTheTimestampAndPutsTheNewestFirst() async throws {
        try await withTemporaryStore { (store) async throws in
            let older = row(try key("P1", "20240103_000000000", "A"), name: "L", tag: "1.2", modifiedAfter: 10)
            let newer = row(try key("P1", "20240101_000000000", "B"), name: "L", tag: "1.2", modifiedAfter: 20)
            let others = [
                row(try key("P2", "20240101_000000000", "A"), name: "L", tag: "1.2"),
                row(try key(nil, "20240101_000000000", "A"), name: "L", tag: "1.2", modifiedAfter: 5),
                row(try key("P1", "20240102_000000000", "C"), name: "Other", tag: "1.2"),
                row(try key("P1", "20240102_000000000", "D"), name: "L", tag: "9.9"),
                row(try key("P1", "20240102_000000000", "E"), name: "L", tag: nil),
            ]
            for session in [older, newer] + others {
                #expect(try await store.insertPrearchiveSession(session))
            }
            #expect(try await store.prearchiveSessions(project: "P1", tag: "1.2", name: "L") == [newer, older])
            #expect(try await store.prearchiveSessions(project: nil, tag: "1.2", name: "L") == [others[1]])
            #expect(try await store.prearchiveSessions(project: "P3", tag: "1.2", name: "L").isEmpty)
        }
    }

    @Test func theListingIsOrderedByProjectTimestampAndFolder() async throws {
        try await withTemporaryStore { (store) async throws in
            let expected = [
                row(try key(nil, "20240102_000000000", "B")),
                row(try key(nil, "20240102_000000001", "A")),
                row(try key("A1", "20240101_000000", "Z")),
                row(try key("A1", "20240101_000000000", "A")),
                row(try key("A1", "20240101_000000000", "B")),
                row(try key("B2", "20230101_000000000", "A")),
            ]
            for session in expected.reversed() {
                #expect(try await store.insertPrearchiveSession(session))
            }
            #expect(try await store.prearchiveSessions() == expected)
        }
    }

    @Test func theStatusListingPutsTheOldestModificationFirst() async throws {
        try await withTemporaryStore { (store) async throws in
            let late = row(try key("A1", "20240101_000000000", "A"), status: .queuedBuilding, modifiedAfter: 30)
            let early = row(try key("B2", "20240102_000000000", "A"), status: .queuedBuilding, modifiedAfter: 10)
            let other = row(try key("A1", "20240101_000000000", "B"), status: .ready, modifiedAfter: 20)
            for session in [late, other, early] {
                _ = try await store.insertPrearchiveSession(session)
            }
            #expect(try await store.prearchiveSessions(status: .queuedBuilding) == [early, late])
            #expect(try await store.prearchiveSessions(status: .ready) == [other])
            #expect(try await store.prearchiveSessions(status: .error).isEmpty)
        }
    }

    @Test func thePrearchiveMigrationIsTheThird() async throws {
        #expect(try Migration.bundled().prefix(3).map(\.name) == ["initial", "accounts_projects", "prearchive"])
        try await withTemporaryStore { (store) async throws in
            #expect(try await store.schemaVersion() >= 3)
        }
    }

    @Test(arguments: [
        "timestamp = 'yesterday'", "folder_name = '..'", "project = 'a/b'", "status = 'BOGUS'",
        "autoarchive = 'Sometimes'", "uploaded = 'soon'", "subject = x'00'",
    ])
    func anUnreadableRowThrowsInsteadOfCrashing(damage: String) async throws {
        try await withTemporaryDirectory { directory in
            let configuration = DatabaseConfiguration(path: directory.appendingPathComponent("sluice.sqlite"))
            let logger = Logger(label: "test")
            let session = fullRow(try key("P1", "20240102_030405123", "S1"))
            try await SQLiteMetadataStore.withStore(configuration: configuration, logger: logger) { store in
                _ = try await store.insertPrearchiveSession(session)
            }
            let connection = try await SQLiteConnection.open(storage: .file(path: configuration.path.path))
            _ = try await connection.query("UPDATE prearchive_sessions SET \(damage)")
            try await connection.close()
            try await SQLiteMetadataStore.withStore(configuration: configuration, logger: logger) { store in
                let error = await #expect(throws: MetadataStoreError.self) {
                    try await store.prearchiveSessions()
                }
                #expect(error?.kind == .unusable)
            }
        }
    }
}
