import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// DELETE of a session and the `/data/services/prearchive` batch operations.
extension PrearchiveOperationsTests {
    // MARK: - DELETE

    @Test func deleteRemovesFolderDocumentRowAndEmptyTimestampFolder() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client, commit: true)
            let layout = services.prearchive.layout
            let response = try await client.execute(uri: "/data\(key.url)", method: .delete, headers: Self.admin)
            #expect(response.status == .ok)
            #expect(response.text.isEmpty)
            #expect(!Self.exists(layout.sessionFolder(of: key)))
            #expect(!Self.exists(layout.sessionDocument(of: key)))
            #expect(!Self.exists(layout.timestampFolder(of: key)))
            #expect(try await services.store.prearchiveSessions().isEmpty)
            let again = try await client.execute(uri: "/REST\(key.url)", method: .delete, headers: Self.admin)
            #expect(again.status == .notFound)
        }
    }

    @Test func deleteKeepsATimestampFolderOtherSessionsShare() async throws {
        try await withOperationsRouter { client, services in
            let layout = services.prearchive.layout
            let key = try await Self.session(client)
            let other = try Self.key("P1", key, folder: "Other")
            try AtomicFile.write(Data("x".utf8), to: layout.sessionFolder(of: other).appendingPathComponent("f"))
            #expect(
                try await client.execute(uri: "/data\(key.url)", method: .delete, headers: Self.admin).status == .ok
            )
            #expect(!Self.exists(layout.sessionFolder(of: key)))
            #expect(Self.exists(layout.sessionFolder(of: other)))
        }
    }

    @Test func onlyAdministratorsDeleteUnassignedSessions() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client, project: nil)
            #expect(key.project == nil)
            let refused = try await client.execute(uri: "/data\(key.url)", method: .delete, headers: Self.user)
            #expect(refused.status == .forbidden)
            let refusedService = try await Self.post(
                client,
                "/data/services/prearchive/delete?src=/data\(key.url)",
                headers: Self.user
            )
            #expect(refusedService.status == .forbidden)
            #expect(try await services.store.prearchiveSession(key) != nil)
            #expect(
                try await client.execute(uri: "/data\(key.url)", method: .delete, headers: Self.admin).status == .ok
            )
            #expect(try await services.store.prearchiveSessions().isEmpty)
        }
    }

    // MARK: - /data/services/prearchive

    @Test func serviceMoveTakesAFormBodyAndAnswersATable() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client, commit: true)
            let response = try await Self.post(
                client,
                "/data/services/prearchive/move",
                form: "src=%2Fdata\(key.url.replacingOccurrences(of: "/", with: "%2F"))&newProject=P2"
            )
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let target = try Self.key("P2", key)
            #expect(
                try Self.results(response) == [
                    [
                        "src": "/data\(key.url)", "newProject": "P2", "status": "READY",
                        "message": "Moved to /data\(target.url)",
                    ]
                ]
            )
            #expect(try await services.prearchive.session(target).status == .ready)
            #expect(try await services.store.prearchiveSession(key) == nil)
        }
    }

    @Test func serviceDeleteTakesRepeatedSourcesAndChecksThemAllFirst() async throws {
        try await withOperationsRouter { client, services in
            let first = try await Self.session(client)
            let second = try await Self.session(client, patientID: "Second")
            #expect(first != second)
            let missing = try await Self.post(
                client,
                "/data/services/prearchive/delete?src=/data\(first.url)&src=/data/prearchive/projects/P1/20200101_101010/None"
            )
            #expect(missing.status == .notFound)
            let invalid = try await Self.post(client, "/data/services/prearchive/delete?src=/data/archive/projects/P1")
            #expect(invalid.status == .badRequest)
            let none = try await Self.post(client, "/data/services/prearchive/delete")
            #expect(none.status == .badRequest)
            #expect(try await services.store.prearchiveSessions().count == 2)

            let response = try await Self.post(
                client,
                "/data/services/prearchive/delete?src=/data\(first.url)&src=\(second.url)&async=false"
            )
            #expect(response.status == .ok)
            #expect(
                try Self.results(response) == [
                    ["src": "/data\(first.url)", "status": "DELETED", "message": "Deleted"],
                    ["src": second.url, "status": "DELETED", "message": "Deleted"],
                ]
            )
            #expect(try await services.store.prearchiveSessions().isEmpty)
            #expect(ImportTesting.files(under: services.prearchive.layout.root).isEmpty)
        }
    }

    @Test func serviceRebuildBuildsTheDocument() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client)
            #expect(!Self.exists(services.prearchive.layout.sessionDocument(of: key)))
            let response = try await Self.post(
                client,
                "/REST/services/prearchive/rebuild?src=/data\(key.url)&format=csv"
            )
            #expect(response.status == .ok)
            #expect(response.text == "src,status,message\n/data\(key.url),READY,Rebuilt\n")
            #expect(try await services.prearchive.session(key).status == .ready)
            let document = try SessionDocument(
                xml: Data(contentsOf: services.prearchive.layout.sessionDocument(of: key))
            )
            #expect(document.project == "P1")

            let missing = try await Self.post(
                client,
                "/data/services/prearchive/rebuild?src=/data/prearchive/projects/P1/20200101_101010/None"
            )
            #expect(missing.status == .notFound)
            let moveWithoutProject = try await Self.post(client, "/data/services/prearchive/move?src=/data\(key.url)")
            #expect(moveWithoutProject.status == .badRequest)
            let moveUnknown = try await Self.post(
                client,
                "/data/services/prearchive/move?src=/data\(key.url)&newProject=NOPE"
            )
            #expect(moveUnknown.status == .notFound)
        }
    }
}
