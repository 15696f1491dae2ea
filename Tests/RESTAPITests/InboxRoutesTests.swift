import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// The `inbox` handler (`xnat-import-spec.md` §2.5): server-side folders and archive files imported in the
/// background, polled at `/xapi/dicom/{id}`.
@Suite struct InboxRoutesTests {
    private static let admin = ImportTesting.admin

    private static func send(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String) async throws
        -> TestResponse
    {
        try await client.execute(uri: uri, method: method, headers: admin)
    }

    /// Polls the request until it is finished; its JSON.
    private static func finished(_ client: some TestClientProtocol, _ uri: String) async throws -> [String: Any] {
        for _ in 0..<200 {
            let response = try await send(client, .get, uri)
            #expect(response.status == .ok, "\(response.text)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            if ["Completed", "Failed"].contains(json["status"] as? String) { return json }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the inbox request did not finish")
        return [:]
    }

    @Test func aFolderIsImportedAndCleanedUp() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let inbox = try #require(services.imports.inboxFolder)
            let folder = inbox.appendingPathComponent("P1/study/nested", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for number in 1...3 {
                try Data(ImportTesting.instance(series: 4, number: number)).write(to: folder.appendingPathComponent("\(number).dcm"))
            }
            try Data("notes".utf8).write(to: folder.appendingPathComponent("README.txt"))
            let path = inbox.appendingPathComponent("P1/study").path
            let response = try await Self.send(
                client, .post, "/data/services/import?import-handler=inbox&path=\(path)&PROJECT_ID=P1"
            )
            #expect(response.status == .ok, "\(response.text)")
            let uri = ImportTesting.uri(response)
            #expect(uri.hasPrefix("/xapi/dicom/"))
            let request = try await Self.finished(client, uri)
            #expect(request["status"] as? String == "Completed", "\(request)")
            #expect((request["resolution"] as? String)?.hasPrefix("/data/prearchive/projects/P1/") == true)
            #expect((request["parameters"] as? [String: String])?["PROJECT_ID"] == "P1")
            #expect(request["cleanupAfterImport"] as? Bool == true)
            #expect(!FileManager.default.fileExists(atPath: path))
            let sessions = try await Self.send(client, .get, "/data/prearchive/projects/P1?format=json")
            #expect(sessions.text.contains("\"tag\":\"\(ImportTesting.study)\""))
            #expect(try await client.execute(uri: uri, method: .get, headers: TestAccounts.userHeaders).status == .notFound)
        }
    }

    @Test func anArchiveFileIsImportedAndKeptWhenAsked() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let inbox = try #require(services.imports.inboxFolder)
            try FileManager.default.createDirectory(at: inbox.appendingPathComponent("P1"), withIntermediateDirectories: true)
            let file = inbox.appendingPathComponent("P1/study.zip")
            let zip = try ImportTesting.zip((1...2).map { ("i\($0).dcm", ImportTesting.instance(series: 5, number: $0)) })
            try Data(zip).write(to: file)
            let response = try await Self.send(
                client, .post, "/data/services/import?import-handler=inbox&path=P1/study.zip&cleanupAfterImport=false"
            )
            #expect(response.status == .ok, "\(response.text)")
            let request = try await Self.finished(client, ImportTesting.uri(response))
            #expect(request["status"] as? String == "Completed", "\(request)")
            #expect(FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test func pathsOutsideAProjectFolderAreRefused() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let inbox = try #require(services.imports.inboxFolder)
            try FileManager.default.createDirectory(at: inbox.appendingPathComponent("NOPE/x"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: inbox.appendingPathComponent("P1/x"), withIntermediateDirectories: true)
            for path in ["/etc", inbox.path + "/P1/../../", "NOPE/x", "P1", "", "P1/missing"] {
                let response = try await Self.send(client, .post, "/data/services/import?import-handler=inbox&path=\(path)")
                #expect(response.status == .badRequest, "\(path): \(response.status) \(response.text)")
            }
            let other = try await Self.send(client, .post, "/data/services/import?import-handler=inbox&path=P1/x&PROJECT_ID=P2")
            #expect(other.status == .badRequest)
        }
    }
}
