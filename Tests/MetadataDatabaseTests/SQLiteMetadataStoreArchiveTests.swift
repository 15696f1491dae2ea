import Foundation
import Logging
import MetadataDatabase
import SQLiteNIO
import TestSupport
import Testing
import XNATImport

@Suite struct SQLiteMetadataStoreArchiveTests {
    private let start: Int64 = 1_700_000_000_123

    private func date(_ offset: Int64 = 0) -> Date {
        Date(millisecondsSince1970: start + offset)
    }

    private func addProjects(_ ids: String..., to store: SQLiteMetadataStore) async throws {
        for id in ids {
            #expect(try await store.insertProject(Project(id: try ProjectID(id))))
        }
    }

    private func experiment(
        _ id: String,
        project: String = "P1",
        subjectID: String,
        label: String,
        quarantined: Bool = false
    ) -> ArchivedExperiment {
        ArchivedExperiment(
            id: id,
            project: project,
            subjectID: subjectID,
            label: label,
            dataType: "xnat:mrSessionData",
            uid: "1.2.840.1.2.3",
            date: "2024-01-02",
            isQuarantined: quarantined,
            createdAt: date(),
            lastModified: date(60_000)
        )
    }

    /// Opens a store on a file, runs `setUp`, applies `sql` through a raw connection (foreign keys and CHECK
    /// constraints off), reopens the store and runs `body`.
    private func withEditedStore(
        sql: [String],
        setUp: (SQLiteMetadataStore) async throws -> Void = { _ in },
        then body: (SQLiteMetadataStore) async throws -> Void
    ) async throws {
        try await withTemporaryDirectory { directory in
            let configuration = DatabaseConfiguration(path: directory.appendingPathComponent("sluice.sqlite"))
            let logger = Logger(label: "test")
            try await SQLiteMetadataStore.withStore(configuration: configuration, logger: logger, setUp)
            let connection = try await SQLiteConnection.open(storage: .file(path: configuration.path.path))
            _ = try await connection.query("PRAGMA ignore_check_constraints = ON")
            for statement in sql {
                _ = try await connection.query(statement)
            }
            try await connection.close()
            try await SQLiteMetadataStore.withStore(configuration: configuration, logger: logger, body)
        }
    }

    @Test func aSubjectRoundTripsAndIsFoundByLabelIgnoringCase() async throws {
        try await withTemporaryStore { (store) async throws in
            try await addProjects("P1", "P2", to: store)
            let alice = try await store.createSubject(project: "P1", label: "Alice", createdAt: date())
            #expect(alice == ArchivedSubject(id: "SLUICE_S00001", project: "P1", label: "Alice", createdAt: date()))
            #expect(try await store.subject(project: "P1", label: "aLICE") == alice)
            #expect(try await store.subject(id: "SLUICE_S00001") == alice)
            #expect(try await store.subject(id: "sluice_s00001") == nil)
            #expect(try await store.subject(project: "P2", label: "Alice") == nil)
            #expect(try await store.subject(project: "p1", label: "Alice") == nil)
            #expect(try await store.createSubject(project: "P1", label: "ALICE", createdAt: date(5)) == alice)
            let other = try await store.createSubject(project: "P2", label: "alice", createdAt: date(5))
            #expect(other.id == "SLUICE_S00002")
            #expect(try await store.subjects(project: "P1") == [alice])
        }
    }

    @Test func caseIsFoldedForASCIILettersOnly() async throws {
        try await withTemporaryStore { (store) async throws in
            try await addProjects("P1", to: store)
            let lower = try await store.createSubject(project: "P1", label: "élan", createdAt: date())
            let upper = try await store.createSubject(project: "P1", label: "ÉLAN", createdAt: date())
            #expect(lower.id != upper.id)
            #expect(try await store.subject(project: "P1", label: "éLAN") == lower)
        }
    }

    @Test func listingsAreOrderedByLabelIgnoringCaseAndHoldOnlyThatProject() async throws {
        try await withTemporaryStore { (store) async throws in
            try await addProjects("P1", "P2", to: store)
            for label in ["b", "C", "a"] {
                _ = try await store.createSubject(project: "P1", label: label, createdAt: date())
            }
            let foreign = try await store.createSubject(project: "P2", label: "A0", createdAt: date())
            #expect(try await store.subjects(project: "P1").map(\.label) == ["a", "b", "C"])
            #expect(try await store.subjects(project: "P2") == [foreign])
            #expect(try await store.subjects(project: "P3").isEmpty)

            let subjectID = try await store.subjects(project: "P1")[0].id
            for (index, label) in ["s2", "S3", "s1"].enumerated() {
                try await store.saveExperiment(experiment("X\(index)", subjectID: subjectID, label: label))
            }
            try await store.saveExperiment(experiment("Y", project: "P2", subjectID: foreign.id, label: "s0"))
            #expect(try await store.experiments(project: "P1").map(\.label) == ["s1", "s2", "S3"])
            #expect(try await store.experiments(project: "P2").map(\.id) == ["Y"])
            #expect(try await store.experiment(project: "P1", label: "s0") == nil)
            #expect(try await store.experiments(project: "P3").isEmpty)
        }
    }

    @Test func idsCountFromOneWithTheSitePrefixAndAreNeverReused() async throws {
        try await withTemporaryStore { (store) async throws in
            try await addProjects("P1", "P2", to: store)
            var subjectIDs: [String] = []
            for (project, label) in [("P1", "A"), ("P2", "A"), ("P1", "B")] {
                subjectIDs.append(try await store.createSubject(project: project, label: label, createdAt: date()).id)
            }
            #expect(subjectIDs == ["SLUICE_S00001", "SLUICE_S00002", "SLUICE_S00003"])

            let first = try await store.nextExperimentID()
            let second = try await store.nextExperimentID()
            let third = try await store.nextExperimentID()
            #expect([first, second, third] == ["SLUICE_E00001", "SLUICE_E00002", "SLUICE_E00003"])
            try await store.saveExperiment(experiment(third, subjectID: subjectIDs[0], label: "S1"))
            #expect(try await store.deleteExperiment(id: third))
            #expect(try await !store.deleteExperiment(id: third))
            #expect(try await store.experiment(id: third) == nil)
            #expect(try await store.nextExperimentID() == "SLUICE_E00004")
        }
    }

    @Test func idsUseTheConfiguredSiteAndGrowBeyondFiveDigits() async throws {
        let sql = ["UPDATE site SET site_id = 'XNAT01'", "UPDATE id_counters SET last = 99998"]
        try await withEditedStore(sql: sql) { store in
            try await addProjects("P1", to: store)
            #expect(try await store.nextExperimentID() == "XNAT01_E99999")
            #expect(try await store.nextExperimentID() == "XNAT01_E100000")
            #expect(try await store.createSubject(project: "P1", label: "A", createdAt: date()).id == "XNAT01_S99999")
            #expect(try await store.createSubject(project: "P1", label: "B", createdAt: date()).id == "XNAT01_S100000")
        }
    }

    @Test func concurrentCreationsOfOneLabelMakeOneSubject() async throws {
        try await withTemporaryStore { (store) async throws in
            try await addProjects("P1", to: store)
            let spellings = ["Subject", "SUBJECT", "subject", "sUbJeCt"]
            let created = try await withThrowingTaskGroup(of: ArchivedSubject.self) { group in
                for index in 0..<20 {
                    let label = spellings[index % spellings.count]
                    let createdAt = date(Int64(index))
                    group.addTask { try await store.createSubject(project: "P1", label: label, createdAt: createdAt) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(created.count == 20)
            #expect(Set(created.map(\.id)).count == 1)
            #expect(try await store.subjects(project: "P1") == [created[0]])
        }
    }

    @Test func aSubjectNeedsAnExistingProject() async throws {
        try await withTemporaryStore { (store) async throws in
            await #expect(throws: (any Error).self) {
                try await store.createSubject(project: "Missing", label: "A", createdAt: date())
            }
            #expect(try await store.subjects(project: "Missing").isEmpty)
        }
    }

    @Test func anExperimentRoundTripsAndSavingAgainReplacesEveryColumn() async throws {
        try await withTemporaryStore { (store) async throws in
            try await addProjects("P1", "P2", to: store)
            let alice = try await store.createSubject(project: "P1", label: "Alice", createdAt: date())
            let bob = try await store.createSubject(project: "P2", label: "Bob", createdAt: date())
            let id = try await store.nextExperimentID()
            let original = experiment(id, subjectID: alice.id, label: "MR1", quarantined: true)
            try await store.saveExperiment(original)
            #expect(try await store.experiment(id: id) == original)
            #expect(try await store.experiment(project: "P1", label: "mr1") == original)
            #expect(try await store.experiment(project: "P2", label: "MR1") == nil)

            let moved = ArchivedExperiment(
                id: id,
                project: "P2",
                subjectID: bob.id,
                label: "PET1",
                dataType: "xnat:petSessionData",
                createdAt: date(1),
                lastModified: date(2)
            )
            try await store.saveExperiment(moved)
            #expect(try await store.experiment(id: id) == moved)
            #expect(try await store.experiment(project: "P1", label: "MR1") == nil)
            #expect(try await store.experiments(project: "P1").isEmpty)
            #expect(try await store.experiments(project: "P2") == [moved])
        }
    }

    @Test func anExperimentLabelIsUniqueInItsProjectIgnoringCase() async throws {
        try await withTemporaryStore { (store) async throws in
            try await addProjects("P1", "P2", to: store)
            let p1 = try await store.createSubject(project: "P1", label: "A", createdAt: date())
            let p2 = try await store.createSubject(project: "P2", label: "A", createdAt: date())
            let original = experiment("E1", subjectID: p1.id, label: "MR1")
            try await store.saveExperiment(original)
            await #expect(throws: (any Error).self) {
                try await store.saveExperiment(experiment("E2", subjectID: p1.id, label: "mr1"))
            }
            try await store.saveExperiment(experiment("E3", project: "P2", subjectID: p2.id, label: "mr1"))
            #expect(try await store.experiments(project: "P1") == [original])
        }
    }

    @Test func theArchiveMigrationIsTheFourth() async throws {
        let migrations = try Migration.bundled()
        #expect(migrations.prefix(4).map(\.version) == [1, 2, 3, 4])
        #expect(migrations.prefix(4).last?.name == "archive")
        try await withTemporaryStore { (store) async throws in
            #expect(try await store.schemaVersion() >= 4)
        }
    }

    @Test(arguments: [
        "UPDATE subjects SET created_at = 'soon'", "UPDATE subjects SET label = x'00'",
        "UPDATE subjects SET id = x'00'", "UPDATE experiments SET created_at = 'soon'",
        "UPDATE experiments SET last_modified = x'00'", "UPDATE experiments SET quarantined = 2",
        "UPDATE experiments SET uid = x'00'", "UPDATE experiments SET date = x'00'",
        "UPDATE experiments SET subject_id = x'01'", "UPDATE experiments SET data_type = x'00'",
    ])
    func anUnreadableRowThrowsInsteadOfCrashing(damage: String) async throws {
        try await withEditedStore(
            sql: [damage],
            setUp: { store in
                try await addProjects("P1", to: store)
                let subject = try await store.createSubject(project: "P1", label: "A", createdAt: date())
                try await store.saveExperiment(experiment("E1", subjectID: subject.id, label: "MR1"))
            },
            then: { store in
                let error = await #expect(throws: MetadataStoreError.self) {
                    if damage.contains("subjects") {
                        _ = try await store.subjects(project: "P1")
                    } else {
                        _ = try await store.experiments(project: "P1")
                    }
                }
                #expect(error?.kind == .unusable)
            }
        )
    }
}
