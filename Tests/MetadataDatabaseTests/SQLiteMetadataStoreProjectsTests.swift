import MetadataDatabase
import Testing
import XNATImport

@Suite struct SQLiteMetadataStoreProjectsTests {
    private func project(_ id: String) throws -> Project {
        Project(id: try ProjectID(id))
    }

    @Test func projectsAreInsertedOnceAndListedByID() async throws {
        try await withTemporaryStore { (store) async throws in
            var second = try project("B2")
            second.name = "Second"
            second.principalInvestigator = Investigator(firstName: "Marie", lastName: "Curie")
            second.prearchiveCode = .autoArchive
            #expect(try await store.insertProject(second))
            #expect(try await store.insertProject(try project("A1")))
            #expect(try await !store.insertProject(try project("A1")))
            #expect(try await store.projects() == [try project("A1"), second])
            #expect(try await store.project(id: try ProjectID("B2")) == second)
            #expect(try await store.project(id: try ProjectID("b2")) == nil)
        }
    }

    @Test func anUpdateKeepsThePrearchiveCode() async throws {
        try await withTemporaryStore { (store) async throws in
            let id = try ProjectID("P1")
            _ = try await store.insertProject(Project(id: id))
            #expect(try await store.setPrearchiveCode(.autoArchiveOverwrite, of: id))
            var changed = Project(id: id, name: "Renamed", description: "Text")
            changed.prearchiveCode = .manual
            #expect(try await store.updateProject(changed))
            let stored = try await store.project(id: id)
            #expect(stored?.name == "Renamed")
            #expect(stored?.description == "Text")
            #expect(stored?.prearchiveCode == .autoArchiveOverwrite)
        }
    }

    @Test func changingAMissingProjectReportsFalse() async throws {
        try await withTemporaryStore { (store) async throws in
            let missing = try ProjectID("NOPE")
            #expect(try await !store.updateProject(Project(id: missing)))
            #expect(try await !store.setPrearchiveCode(.autoArchive, of: missing))
        }
    }
}
