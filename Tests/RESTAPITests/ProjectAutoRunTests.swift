import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Synchronization
import Testing
import XNATImport

/// Project AutoRun webhooks: `PUT`, `GET` and `DELETE /data/projects/{P}/autorun/webhook`, and the webhook posted
/// to after archiving into the project.
@Suite struct ProjectAutoRunTests {
    private static let admin = TestAccounts.administratorHeaders
    private static let path = "/data/projects/P1/autorun/webhook"

    /// Runs `test` against a router with project P1.
    private static func withProject(
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    )
        async throws
    {
        try await withTestRouter { client in
            let created = try await client.execute(uri: "/data/projects/P1", method: .put, headers: admin)
            #expect(created.status == .ok)
            try await test(client)
        }
    }

    /// `?url=` with the URL percent-encoded.
    private static func query(_ url: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?/:")
        return "?url=" + (url.addingPercentEncoding(withAllowedCharacters: allowed) ?? url)
    }

    @Test func anAdministratorSetsReadsReplacesAndRemovesTheWebhook() async throws {
        try await Self.withProject { client in
            let none = try await client.execute(uri: Self.path, method: .get, headers: Self.admin)
            #expect(none.status == .notFound)

            let url = "https://hooks.example.org/sluice?token=a&b=c"
            let set = try await client.execute(uri: Self.path + Self.query(url), method: .put, headers: Self.admin)
            #expect(set.status == .ok)
            let hidden = try await client.execute(uri: Self.path, method: .get, headers: TestAccounts.userHeaders)
            #expect(hidden.status == .forbidden)
            let read = try await client.execute(uri: Self.path, method: .get, headers: Self.admin)
            #expect(read.status == .ok)
            #expect(read.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(read.text == url)

            let replaced = try await client.execute(
                uri: "/REST/projects/P1/autorun/webhook" + Self.query("http://127.0.0.1:9/other"),
                method: .put,
                headers: Self.admin
            )
            #expect(replaced.status == .ok)
            let reread = try await client.execute(
                uri: "/REST/projects/P1/autorun/webhook",
                method: .get,
                headers: Self.admin
            )
            #expect(reread.text == "http://127.0.0.1:9/other")

            let deleted = try await client.execute(uri: Self.path, method: .delete, headers: Self.admin)
            #expect(deleted.status == .ok)
            let gone = try await client.execute(uri: Self.path, method: .get, headers: Self.admin)
            #expect(gone.status == .notFound)
            let again = try await client.execute(uri: Self.path, method: .delete, headers: Self.admin)
            #expect(again.status == .ok)
        }
    }

    @Test func aUserWhoIsNotAnAdministratorCannotChangeTheWebhook() async throws {
        try await Self.withProject { client in
            let refused = try await client.execute(
                uri: Self.path + Self.query("https://example.org/hook"),
                method: .put,
                headers: TestAccounts.userHeaders
            )
            #expect(refused.status == .forbidden)
            let none = try await client.execute(uri: Self.path, method: .get, headers: Self.admin)
            #expect(none.status == .notFound)

            _ = try await client.execute(
                uri: Self.path + Self.query("https://example.org/hook"),
                method: .put,
                headers: Self.admin
            )
            let notDeleted = try await client.execute(
                uri: Self.path,
                method: .delete,
                headers: TestAccounts.userHeaders
            )
            #expect(notDeleted.status == .forbidden)
            let kept = try await client.execute(uri: Self.path, method: .get, headers: Self.admin)
            #expect(kept.text == "https://example.org/hook")
        }
    }

    @Test(arguments: ["", "?url=", "?url=ftp%3A%2F%2Fexample.org%2Fhook", "?url=example.org", "?url=http%3A%2F%2F"])
    func aURLThatIsNotHTTPIs400(query: String) async throws {
        try await Self.withProject { client in
            let response = try await client.execute(uri: Self.path + query, method: .put, headers: Self.admin)
            #expect(response.status == .badRequest)
            let none = try await client.execute(uri: Self.path, method: .get, headers: Self.admin)
            #expect(none.status == .notFound)
        }
    }

    @Test(arguments: [HTTPRequest.Method.get, .put, .delete])
    func anUnknownProjectIs404(method: HTTPRequest.Method) async throws {
        try await Self.withProject { client in
            for project in ["NOPE", "bad%20id"] {
                let response = try await client.execute(
                    uri: "/data/projects/\(project)/autorun/webhook" + Self.query("https://example.org/hook"),
                    method: method,
                    headers: Self.admin
                )
                #expect(response.status == .notFound, "\(project)")
            }
        }
    }

    @Test func requestsWithoutALoginAreRefused() async throws {
        try await Self.withProject { client in
            let response = try await client.execute(uri: Self.path, method: .get)
            #expect(response.status == .unauthorized)
        }
    }

    // MARK: - Running

    /// What the listener was sent: path and body.
    final class Received: Sendable {
        let requests = Mutex<[(path: String, body: Data)]>([])
    }

    /// Runs `test` with a listener on a free port answering `POST /site` and `POST /project` 200.
    private static func withListener(_ test: @escaping @Sendable (Int, Received) async throws -> Void) async throws {
        let received = Received()
        let router = Router()
        for path in ["/site", "/project"] {
            router.post(RouterPath(path)) { request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 20)
                received.requests.withLock { $0.append((path, Data(String(buffer: body).utf8))) }
                return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "ok")))
            }
        }
        let listener = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
        )
        try await listener.test(.live) { client in
            try await test(try #require(client.port), received)
        }
    }

    @Test func theProjectWebhookRunsAfterArchivingWithNoSiteActions() async throws {
        try await Self.withListener { port, received in
            try await PipelineRoutesTests.withPipelineRouter { _ in
                PipelineConfiguration()
            } test: { client, services, _ in
                let hook = "http://127.0.0.1:\(port)/project"
                let set = try await client.execute(uri: Self.path + Self.query(hook), method: .put, headers: Self.admin)
                #expect(set.status == .ok)

                let response = try await PipelineRoutesTests.importAndArchive(client)
                #expect(response.status == .ok)
                let runs = try await PipelineRoutesTests.finishedRuns(services)
                #expect(runs.count == 1)
                let run = try #require(runs.first)
                #expect(run.action == .webhook)
                #expect(run.target == hook)
                #expect(run.status == .complete)
                #expect(run.detail == "HTTP 200.\nok")

                let requests = received.requests.withLock { $0 }
                #expect(requests.map(\.path) == ["/project"])
                let body = try #require(requests.first?.body)
                let fields = try #require(try JSONSerialization.jsonObject(with: body) as? [String: String])
                #expect(fields["project"] == "P1")
                #expect(fields["experiment_id"] == PipelineRoutesTests.experimentID)

                let listing = try await client.execute(
                    uri: "/data/experiments/\(PipelineRoutesTests.experimentID)/pipelines",
                    method: .get,
                    headers: Self.admin
                )
                #expect(listing.status == .ok)
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data(listing.text.utf8)) as? [String: Any]
                )
                let resultSet = try #require(json["ResultSet"] as? [String: Any])
                let rows = try #require(resultSet["Result"] as? [[String: String]])
                #expect(rows.count == 1)
                #expect(rows.first?["action"] == "webhook")
                #expect(rows.first?["target"] == hook)
                #expect(rows.first?["status"] == "COMPLETE")
            }
        }
    }

    @Test func theSiteAndTheProjectWebhooksBothRun() async throws {
        try await Self.withListener { port, received in
            try await PipelineRoutesTests.withPipelineRouter { _ in
                PipelineConfiguration(webhook: URL(string: "http://127.0.0.1:\(port)/site"))
            } test: { client, services, _ in
                let hook = "http://127.0.0.1:\(port)/project"
                _ = try await client.execute(uri: Self.path + Self.query(hook), method: .put, headers: Self.admin)
                _ = try await PipelineRoutesTests.importAndArchive(client)
                let runs = try await PipelineRoutesTests.finishedRuns(services, count: 2)
                #expect(runs.count == 2)
                #expect(Set(runs.map(\.target)) == ["http://127.0.0.1:\(port)/site", hook])
                #expect(runs.allSatisfy { $0.status == .complete && $0.action == .webhook })
                #expect(received.requests.withLock { $0.map(\.path).sorted() } == ["/project", "/site"])
            }
        }
    }

    @Test func withTriggerPipelinesFalseTheProjectWebhookDoesNotRun() async throws {
        try await Self.withListener { port, received in
            try await PipelineRoutesTests.withPipelineRouter { _ in
                PipelineConfiguration()
            } test: { client, services, _ in
                let hook = "http://127.0.0.1:\(port)/project"
                _ = try await client.execute(uri: Self.path + Self.query(hook), method: .put, headers: Self.admin)
                let response = try await PipelineRoutesTests.importAndArchive(client, query: "&triggerPipelines=false")
                #expect(response.status == .ok)
                await services.archive.pipelines?.waitUntilIdle()
                #expect(
                    try await services.store.pipelineRuns(experimentID: PipelineRoutesTests.experimentID).isEmpty
                )
                #expect(received.requests.withLock { $0.isEmpty })
            }
        }
    }
}
