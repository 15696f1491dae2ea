import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// `Direct-Archive=true` (`xnat-import-spec.md` §2.7): sessions that archive by themselves, the
/// `/xapi/direct-archive` routes, and the fall back to the prearchive on conflict.
@Suite struct DirectArchiveRoutesTests {
    private static let admin = ImportTesting.admin

    private static func send(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String) async throws
        -> TestResponse
    {
        try await client.execute(uri: uri, method: method, headers: admin)
    }

    /// Sends instances 1…3 of series 4 one by one with `Direct-Archive=true`; the answers.
    private static func sendStudy(_ client: some TestClientProtocol) async throws -> [String] {
        var answers: [String] = []
        for number in 1...3 {
            let response = try await ImportTesting.post(
                client,
                "?import-handler=gradual-DICOM&PROJECT_ID=P1&SUBJECT_ID=S1&EXPT_LABEL=E1&Direct-Archive=true",
                body: ImportTesting.instance(series: 4, number: number),
                contentType: "application/dicom"
            )
            #expect(response.status == .ok, "\(response.text)")
            answers.append(ImportTesting.uri(response))
        }
        return answers
    }

    private static func rows(_ client: some TestClientProtocol, _ uri: String) async throws -> [[String: Any]] {
        let response = try await send(client, .get, uri)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
        return try #require((json["ResultSet"] as? [String: Any])?["Result"] as? [[String: Any]])
    }

    @Test func aStudyIsArchivedThroughItsDirectArchiveSession() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let answers = try await Self.sendStudy(client)
            let uri = "/xapi/direct-archive/P1/\(ImportTesting.study)/E1"
            #expect(Set(answers) == [uri])
            #expect(try await Self.rows(client, "/data/prearchive/projects/P1").isEmpty)
            let listed = try await Self.send(client, .get, "/xapi/direct-archive")
            #expect(listed.text.contains("\"name\":\"E1\""))
            #expect(try await Self.send(client, .get, uri).status == .ok)

            let archived = try await Self.send(client, .post, uri)
            #expect(archived.status == .ok, "\(archived.text)")
            #expect(archived.text == "/data/archive/projects/P1/subjects/S1/experiments/E1")
            let files = try await Self.rows(client, "/data/projects/P1/experiments/E1/scans/4/resources/DICOM/files")
            #expect(files.count == 3)
            #expect(try await Self.send(client, .get, uri).status == .notFound)
            #expect(try await Self.send(client, .get, "/xapi/direct-archive").text == "[]")
        }
    }

    @Test func aConflictFallsBackToThePrearchive() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let uri = try #require(try await Self.sendStudy(client).first)
            #expect(try await Self.send(client, .post, uri).status == .ok)
            // The same instances again: archiving them would duplicate files.
            _ = try await Self.sendStudy(client)
            let conflict = try await Self.send(client, .post, uri)
            #expect(conflict.status == .conflict, "\(conflict.text)")
            let rows = try await Self.rows(client, "/data/prearchive/projects/P1")
            #expect(rows.count == 1)
            #expect(rows.first?["status"] as? String == "CONFLICT")
            #expect(try await Self.send(client, .get, uri).status == .notFound)
        }
    }
}
