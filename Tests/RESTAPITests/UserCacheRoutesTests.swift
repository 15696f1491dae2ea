import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// The user cache, `src` imports and their status lists (`xnat-import-spec.md` §9, §10).
@Suite struct UserCacheRoutesTests {
    private static let admin = ImportTesting.admin
    private static let user = TestAccounts.userHeaders

    private static func send(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        body: [UInt8] = [],
        headers: HTTPFields = admin
    ) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: body))
    }

    private static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    private static func seriesZip(_ series: Int) throws -> [UInt8] {
        try ImportTesting.zip((1...2).map { ("i\($0).dcm", ImportTesting.instance(series: series, number: $0)) })
    }

    @Test func filesAreStoredListedAndPrivate() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let put = try await Self.send(client, .put, "/data/user/cache/resources/up/files/a/b.txt", body: Array("hi".utf8))
            #expect(put.status == .ok, "\(put.text)")
            let listing = try await Self.send(client, .get, "/data/user/cache/resources/up/files?format=json")
            #expect(listing.text.contains("\"Name\":\"b.txt\""))
            #expect(try await Self.send(client, .get, "/data/user/cache/resources/up/files/a/b.txt").body == ByteBuffer(string: "hi"))
            let other = try await Self.send(client, .get, "/data/user/cache/resources/up/files/a/b.txt", headers: Self.user)
            #expect(other.status == .notFound)
            #expect(try await Self.send(client, .put, "/data/user/cache/resources/up").status == .preconditionFailed)
            let post = try await Self.send(client, .post, "/data/user/cache/resources/up/files/x.txt", body: Array("x".utf8))
            #expect(post.status == .badRequest)
            let escape = try await Self.send(client, .put, "/data/user/cache/resources/up/files/%2e%2e/x.txt", body: Array("x".utf8))
            #expect(escape.status == .badRequest)
            #expect(try await Self.send(client, .delete, "/data/user/cache/resources/up").status == .ok)
            #expect(try await Self.send(client, .get, "/data/user/cache/resources/up/files").status == .notFound)
        }
    }

    @Test func srcImportsEachCachedFileAndNamesTheOneThatFailed() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            _ = try await Self.send(client, .put, "/data/user/cache/resources/up/files/s4.zip", body: try Self.seriesZip(4))
            _ = try await Self.send(client, .put, "/data/user/cache/resources/up/files/bad.zip", body: Array("not a zip".utf8))
            _ = try await Self.send(client, .put, "/data/user/cache/resources/up/files/s5.zip", body: try Self.seriesZip(5))
            let both = try await Self.send(
                client, .post,
                "/data/services/import?PROJECT_ID=P1&import-handler=DICOM-zip&src=/user/cache/resources/up/files/s4.zip,/user/cache/resources/up/files/s5.zip"
            )
            #expect(both.status == .ok, "\(both.text)")
            #expect(both.text.hasPrefix("/data/prearchive/projects/P1/"))
            let mixed = try await Self.send(
                client, .post,
                "/data/services/import?PROJECT_ID=P1&import-handler=DICOM-zip&src=/user/cache/resources/up/files/bad.zip&src=/user/cache/resources/up/files/s4.zip"
            )
            #expect(mixed.status == .badRequest)
            #expect(mixed.text.contains("src /user/cache/resources/up/files/bad.zip failed"))
            #expect(mixed.text.contains("/data/prearchive/projects/P1/"))
            // The cache keeps its files.
            #expect(try await Self.send(client, .get, "/data/user/cache/resources/up/files/s4.zip").status == .ok)

            let unknown = try await Self.send(client, .post, "/data/services/import?src=/user/cache/resources/up/files/none.zip")
            #expect(unknown.status == .notFound)
            #expect(unknown.text == "Unknown src file.")
            let malformed = try await Self.send(client, .post, "/data/services/import?src=/etc/passwd")
            #expect(malformed.status == .badRequest)
            #expect(malformed.text == "src uri is invalid.")
        }
    }

    @Test func listenerImportsRunInTheBackgroundAndArePolled() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            _ = try await Self.send(client, .put, "/data/user/cache/resources/up/files/s4.zip", body: try Self.seriesZip(4))
            let submitted = try await Self.send(
                client, .post,
                "/data/services/import?src=/user/cache/resources/up/files/s4.zip&http-session-listener=job1"
                    + "&import-handler=DICOM-zip&dest=/archive/projects/P1/subjects/S1/experiments/E1"
            )
            #expect(submitted.status == .ok)
            #expect(submitted.text == "Submitted for archival")
            var final: [String: Any] = [:]
            for _ in 0..<200 {
                final = try Self.json(try await Self.send(client, .get, "/xapi/event_tracking/job1"))
                if final["succeeded"] is Bool { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(final["succeeded"] as? Bool == true, "\(final)")
            #expect(final["finalMessage"] as? String == "Archive:/archive/projects/P1/subjects/S1/experiments/E1")
            let status = try Self.json(try await Self.send(client, .get, "/data/status/job1?format=json"))
            let messages = try #require((status["msgs"] as? [[[String: Any]]])?.first)
            #expect(messages.last?["terminal"] as? Bool == true)
            let text = try await Self.send(client, .get, "/data/status/_TRjob1")
            #expect(text.text.hasPrefix("StatusLog"))
            #expect(text.text.contains("COMPLETED: Archive:/archive/projects/P1/subjects/S1/experiments/E1 (terminal)"))
            #expect(try await Self.send(client, .get, "/xapi/event_tracking/job1", headers: Self.user).status == .notFound)
            #expect(try await Self.send(client, .get, "/data/status/job1", headers: Self.user).status == .notFound)
            let unknown = try await Self.send(client, .get, "/data/status/nothing?format=json")
            #expect(unknown.text == #"{"msgs":[[]]}"#)
            let empty = try await Self.send(client, .post, "/data/services/import?http-session-listener=&src=/user/cache/resources/up/files/s4.zip")
            #expect(empty.status == .badRequest)
        }
    }
}
