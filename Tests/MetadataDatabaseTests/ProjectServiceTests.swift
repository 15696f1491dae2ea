import MetadataDatabase
import Testing
import XNATImport

/// `ProjectService` on a real SQLite store.
@Suite struct ProjectServiceTests {
    private let admin = User(login: "admin", isAdministrator: true)
    private let user = User(login: "user", isAdministrator: false)

    @Test func saveCreatesThenUpdates() async throws {
        try await withTemporaryStore { (store) async throws in
            let service = ProjectService(store: store)
            let id = try ProjectID("P1")
            let created = try await service.save(id, fields: ProjectFields(name: "One"), by: admin)
            #expect(created == .created(Project(id: id, name: "One")))
            let updated = try await service.save(id, fields: ProjectFields(description: "Text"), by: admin)
            #expect(updated == .updated(Project(id: id, name: "One", description: "Text")))
        }
    }

    @Test func namesMayNotCollideWithAnotherProjectIgnoringCase() async throws {
        try await withTemporaryStore { (store) async throws in
            let service = ProjectService(store: store)
            _ = try await service.save(try ProjectID("P1"), fields: ProjectFields(name: "Brain study"), by: admin)
            for (id, fields) in [
                ("p1", ProjectFields()), ("P2", ProjectFields(name: "BRAIN STUDY")),
                ("P3", ProjectFields(secondaryID: "p1")), ("brain_study", ProjectFields(name: "P1")),
            ] {
                let error = await #expect(throws: ProjectError.self) {
                    try await service.save(try ProjectID(id), fields: fields, by: admin)
                }
                #expect(error?.kind == .conflict)
            }
            #expect(try await service.allProjects().count == 1)
        }
    }

    @Test func onlyAdministratorsCreateOrConfigure() async throws {
        try await withTemporaryStore { (store) async throws in
            let service = ProjectService(store: store)
            let id = try ProjectID("P1")
            let create = await #expect(throws: ProjectError.self) {
                try await service.save(id, fields: ProjectFields(), by: user)
            }
            #expect(create?.kind == .notPermitted)
            _ = try await service.save(id, fields: ProjectFields(), by: admin)
            let configure = await #expect(throws: ProjectError.self) {
                try await service.setPrearchiveCode(.autoArchive, of: id, by: user)
            }
            #expect(configure?.kind == .notPermitted)
            try await service.setPrearchiveCode(.autoArchive, of: id, by: admin)
            #expect(try await service.project(id).prearchiveCode == .autoArchive)
        }
    }

    @Test func projectIDsFollowXNATsRule() {
        for valid in ["P1", "a_b-C", "0", String(repeating: "x", count: 255)] {
            #expect(ProjectID.isValid(valid))
        }
        for invalid in ["", "a b", "a.b", "a/b", "é", "a[b]", "a^b", "a`b", String(repeating: "x", count: 256)] {
            #expect(!ProjectID.isValid(invalid))
        }
    }
}
