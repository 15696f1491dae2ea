import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import Synchronization
import Testing
import XNATImport

/// The AutoRun webhook, against a small Hummingbird listener on a free port.
@Suite struct PipelineWebhookTests {
    /// What the listener was sent: path, `Content-Type` and body.
    final class Received: Sendable {
        let requests = Mutex<[(path: String, contentType: String, body: Data)]>([])
    }

    /// Runs `test` with a listener answering `POST /hook` 200 (body `thanks`) and `POST /broken` 500.
    private static func withListener(_ test: @escaping @Sendable (Int, Received) async throws -> Void) async throws {
        let received = Received()
        let router = Router()
        for (path, status) in [("/hook", HTTPResponse.Status.ok), ("/broken", .internalServerError)] {
            router.post(RouterPath(path)) { request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 20)
                received.requests.withLock {
                    $0.append((path, request.headers[.contentType] ?? "", Data(String(buffer: body).utf8)))
                }
                return Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: "thanks")))
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

    @Test func theWebhookGetsTheSessionAsJSON() async throws {
        try await Self.withListener { port, received in
            try await PipelineRoutesTests.withPipelineRouter { _ in
                PipelineConfiguration(webhook: URL(string: "http://127.0.0.1:\(port)/hook"))
            } test: { client, services, _ in
                let response = try await PipelineRoutesTests.importAndArchive(client)
                #expect(response.status == .ok)
                let run = try #require(try await PipelineRoutesTests.finishedRuns(services).first)
                #expect(run.action == .webhook)
                #expect(run.target == "http://127.0.0.1:\(port)/hook")
                #expect(run.status == .complete)
                #expect(run.detail == "HTTP 200.\nthanks")

                let requests = received.requests.withLock { $0 }
                #expect(requests.count == 1)
                let request = try #require(requests.first)
                #expect(request.contentType == "application/json")
                let fields = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: String])
                let folder = try services.archive.layout.sessionFolder(project: "P1", label: "Sample_ID")
                #expect(
                    fields == [
                        "session_uri": "/data/archive/projects/P1/subjects/Sample_Patient/experiments/Sample_ID",
                        "project": "P1", "subject": "Sample_Patient", "session_label": "Sample_ID",
                        "experiment_id": "SLUICE_E00001", "session_path": folder.path,
                    ]
                )
            }
        }
    }

    @Test func aWebhookAnsweringAnErrorIsFailed() async throws {
        try await Self.withListener { port, _ in
            try await PipelineRoutesTests.withPipelineRouter { _ in
                PipelineConfiguration(webhook: URL(string: "http://127.0.0.1:\(port)/broken"))
            } test: { client, services, _ in
                _ = try await PipelineRoutesTests.importAndArchive(client)
                let run = try #require(try await PipelineRoutesTests.finishedRuns(services).first)
                #expect(run.status == .failed)
                #expect(run.detail == "HTTP 500.\nthanks")
            }
        }
    }

    @Test func aCommandAndAWebhookBothRun() async throws {
        try await Self.withListener { port, received in
            try await PipelineRoutesTests.withPipelineRouter { folder in
                let command = folder.appendingPathComponent("ok.sh")
                try Data("#!/bin/sh\nexit 0\n".utf8).write(to: command)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: command.path)
                return PipelineConfiguration(command: command, webhook: URL(string: "http://127.0.0.1:\(port)/hook"))
            } test: { client, services, _ in
                _ = try await PipelineRoutesTests.importAndArchive(client)
                let runs = try await PipelineRoutesTests.finishedRuns(services, count: 2)
                #expect(runs.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.command, .webhook])
                #expect(runs.allSatisfy { $0.status == .complete })
                #expect(received.requests.withLock { $0.count } == 1)
            }
        }
    }
}
