import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RESTAPI
import TestSupport
import Testing

/// ``UploadReceiver`` with bodies that stream: chunked transfer coding and `Expect: 100-continue` over a real
/// socket, bodies without a length, clients that disconnect, and a large upload.
@Suite struct UploadStreamingTests {
    @Test(.timeLimit(.minutes(1))) func chunkedZipBodyOverTCPIsStaged() async throws {
        // The XNAT Desktop Client streams its zips: Transfer-Encoding: chunked, no Content-Length.
        let content = testBytes(count: 200_000)
        try await withUploadApp(.live) { client, staging in
            let head =
                "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/zip\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            let (_, response) = try await RawHTTP.exchange(
                port: try #require(client.port),
                head: head,
                body: RawHTTP.chunked(content, size: 7_000)
            )
            #expect(response.hasPrefix("HTTP/1.1 200 OK"), "\(response)")
            let json = try #require(response.split(separator: "\r\n\r\n", maxSplits: 1).last)
            let summary = try JSONDecoder().decode(UploadSummary.self, from: Data(json.utf8))
            #expect(summary.name == "upload.zip")
            #expect(summary.size == Int64(content.count))
            #expect(try Data(contentsOf: staging.appending(path: summary.file)) == Data(content))
        }
    }

    @Test(.timeLimit(.minutes(1))) func expectContinueIsAnsweredBeforeTheBody() async throws {
        // curl -F file=@series.zip sends Expect: 100-continue and waits for the interim response (or 1 s).
        var form = MultipartBody()
        form.file("file", fileName: "series.zip", testBytes(count: 50_000))
        let body = form.bytes
        let contentType = form.contentType
        try await withUploadApp(.live, server: .http1AnsweringExpectContinue()) { client, staging in
            let head =
                "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: \(contentType)\r\n"
                + "Content-Length: \(body.count)\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
            let (interim, response) = try await RawHTTP.exchange(
                port: try #require(client.port),
                head: head,
                body: [ByteBuffer(bytes: body)],
                waitForInterim: true
            )
            #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
            #expect(response.hasPrefix("HTTP/1.1 200 OK"), "\(response)")
            #expect(try stagedFiles(staging).count == 1)
        }
    }

    @Test func aClientThatDisconnectsLeavesNoStagedFile() async throws {
        struct Disconnected: Error {}
        try await withTemporaryDirectory { (staging: URL) async throws in
            let receiver = UploadReceiver(stagingFolder: staging, maximumSize: nil)
            var form = MultipartBody()
            form.file("file", fileName: "a.zip", testBytes(count: 100_000))
            let partial = Array(form.bytes.prefix(60_000))
            let cases: [(HTTPFields, [[UInt8]])] = [
                ([.contentType: "application/zip", .transferEncoding: "chunked"], [testBytes(count: 50_000)]),
                (form.headers, [Array(partial[..<30_000]), Array(partial[30_000...])]),
            ]
            for (headers, chunks) in cases {
                let request = streamedRequest(headers: headers, chunks: chunks, failure: Disconnected())
                await #expect(throws: Disconnected.self) {
                    _ = try await receiver.receive(request, inBody: false)
                }
                #expect(try stagedFiles(staging) == [])
            }
        }
    }

    @Test func streamedBodiesOverTheLimitAre413AsTheyArrive() async throws {
        try await withTemporaryDirectory { (staging: URL) async throws in
            let receiver = UploadReceiver(stagingFolder: staging, maximumSize: 100_000)
            var form = MultipartBody()
            form.file("file", fileName: "a.zip", testBytes(count: 150_000))
            let cases: [(HTTPFields, [UInt8])] = [
                ([.contentType: "application/zip", .transferEncoding: "chunked"], testBytes(count: 150_000)),
                (form.headers, form.bytes),
            ]
            for (headers, body) in cases {
                let chunks = stride(from: 0, to: body.count, by: 16_384).map {
                    Array(body[$0..<min($0 + 16_384, body.count)])
                }
                let request = streamedRequest(headers: headers, chunks: chunks)
                await #expect(throws: UploadError.tooLarge(limit: 100_000)) {
                    _ = try await receiver.receive(request, inBody: false)
                }
                #expect(try stagedFiles(staging) == [])
            }
        }
    }

    @Test func a64MiBUploadStreamsToDisk() async throws {
        // In-body, as xnatpy and the Desktop Client send it. (A multipart body takes the same path to disk through
        // MultipartKit's parser, which is too slow in debug builds for 64 MiB in a unit test: ~1 MB/s.)
        let content = testBytes(count: 64 * 1024 * 1024, seed: 64)
        let body = ByteBuffer(bytes: content)
        try await withUploadApp { client, staging in
            let response = try await client.execute(
                uri: "/upload?inbody=true",
                method: .post,
                headers: [.contentType: "application/zip"],
                body: body
            )
            #expect(response.status == .ok)
            let summary = try #require(response.summary)
            #expect(summary.size == Int64(content.count))
            #expect(try Data(contentsOf: staging.appending(path: summary.file)) == Data(content))
        }
    }

    @Test func a4MiBMultipartUploadStreamsThroughTheParser() async throws {
        let content = testBytes(count: 4 * 1024 * 1024, seed: 4)
        var form = MultipartBody()
        form.field("project", "P1")
        form.file("file", fileName: "big.zip", type: "application/zip", content)
        let headers = form.headers
        let body = ByteBuffer(bytes: form.bytes)
        try await withUploadApp { client, staging in
            let response = try await client.execute(uri: "/upload", method: .post, headers: headers, body: body)
            #expect(response.status == .ok)
            let summary = try #require(response.summary)
            #expect(summary.size == Int64(content.count))
            #expect(summary.fields == [["project", "P1"]])
            #expect(try Data(contentsOf: staging.appending(path: summary.file)) == Data(content))
        }
    }
}
