import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import NIOCore
import NIOPosix
import RESTAPI
import TestSupport

/// What the test route answers for a staged upload.
struct UploadSummary: Codable, Equatable {
    var file: String
    var name: String?
    var type: String?
    var size: Int64
    var fields: [[String]]
}

/// A router with one route, `POST /upload[?inbody=…]`, that stages the upload with ``UploadReceiver`` and answers
/// 200 with an ``UploadSummary`` (the staged file stays for the test to read), 204 for no upload, or the refusal.
func uploadRouter(staging: URL, maximumSize: Int64?) -> Router<BasicRequestContext> {
    let router = Router()
    let receiver = UploadReceiver(stagingFolder: staging, maximumSize: maximumSize)
    router.post("/upload") { request, _ -> Response in
        let inBody = request.uri.queryParameters["inbody"].map { !["false", "0"].contains($0.lowercased()) } ?? false
        do {
            guard let upload = try await receiver.receive(request, inBody: inBody) else {
                return Response(status: .noContent)
            }
            let summary = UploadSummary(
                file: upload.file.lastPathComponent,
                name: upload.clientFileName,
                type: upload.contentType,
                size: upload.size,
                fields: upload.formFields.map { [$0.name, $0.value] }
            )
            let json = try JSONEncoder().encode(summary)
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
        } catch let error as UploadError {
            return Response(status: error.status, body: ResponseBody(byteBuffer: ByteBuffer(string: error.message)))
        }
    }
    return router
}

/// Runs `test` against ``uploadRouter(staging:maximumSize:)`` on a fresh staging folder.
func withUploadApp(
    _ setup: TestingSetup = .router,
    maximumSize: Int64? = nil,
    server: HTTPServerBuilder = .http1(),
    _ test: @escaping @Sendable (any TestClientProtocol, URL) async throws -> Void
) async throws {
    try await withTemporaryDirectory { staging in
        let app = Application(
            router: uploadRouter(staging: staging, maximumSize: maximumSize),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
        )
        try await app.test(setup) { client in try await test(client, staging) }
    }
}

/// The names in the staging folder, hidden files included.
func stagedFiles(_ staging: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: staging.path(percentEncoded: false)).sorted()
}

extension TestResponse {
    /// The ``UploadSummary`` of a 200 response.
    var summary: UploadSummary? {
        try? JSONDecoder().decode(UploadSummary.self, from: Data(body.readableBytesView))
    }
}

/// A `multipart/form-data` body built by hand, as curl and browsers send it.
struct MultipartBody {
    var boundary = "------------------------Sluice\(UInt32.random(in: 0...UInt32.max))"
    var parts: [(headers: [String], content: [UInt8])] = []

    mutating func field(_ name: String, _ value: String) {
        parts.append((["Content-Disposition: form-data; name=\"\(name)\""], Array(value.utf8)))
    }

    mutating func file(_ name: String, fileName: String, type: String = "application/octet-stream", _ content: [UInt8])
    {
        parts.append(
            (
                [
                    "Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"",
                    "Content-Type: \(type)",
                ], content
            )
        )
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        for part in parts {
            bytes += Array("--\(boundary)\r\n\(part.headers.joined(separator: "\r\n"))\r\n\r\n".utf8)
            bytes += part.content + Array("\r\n".utf8)
        }
        return bytes + Array("--\(boundary)--\r\n".utf8)
    }

    var headers: HTTPFields { [.contentType: contentType] }
}

/// Reproducible bytes that look like a binary file, with CRLFs and near-boundaries (`\r\n--`) mixed in.
func testBytes(count: Int, seed: UInt64 = 42) -> [UInt8] {
    var state = seed
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBytes { raw in
        var index = 0
        while index < count {
            state &+= 0x9E37_79B9_7F4A_7C15  // SplitMix64
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            value ^= value >> 31
            for shift in stride(from: 0, to: 64, by: 8) where index < count {
                raw[index] = UInt8(truncatingIfNeeded: value >> UInt64(shift))
                index += 1
            }
        }
    }
    for offset in stride(from: 1000, to: count - 8, by: 4099) {
        bytes.replaceSubrange(offset..<offset + 6, with: Array("\r\n--\r\n".utf8))
    }
    return bytes
}

/// A request whose body arrives as `chunks` (no `Content-Length`), then ends or fails with `failure` (a client that
/// disconnects mid-body).
func streamedRequest(headers: HTTPFields, chunks: [[UInt8]], failure: (any Error)? = nil) -> Request {
    let (body, source) = RequestBody.makeStream()
    Task {
        for chunk in chunks {
            await source.yield(ByteBuffer(bytes: chunk))
        }
        if let failure { source.finish(failure) } else { source.finish() }
    }
    let head = HTTPRequest(
        method: .post,
        scheme: "http",
        authority: "localhost",
        path: "/upload",
        headerFields: headers
    )
    return Request(head: head, body: body)
}

/// HTTP/1.1 over a plain TCP connection, for what the test clients cannot send (chunked bodies, `Expect`).
enum RawHTTP {
    /// Sends `head` (request line and headers, with `Connection: close`); when `waitForInterim`, reads the server's
    /// interim response before sending `body`. Returns the interim response and the rest of what the server sent.
    static func exchange(
        port: Int,
        head: String,
        body: [ByteBuffer],
        waitForInterim: Bool = false
    ) async throws -> (interim: String?, response: String) {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var iterator = inbound.makeAsyncIterator()
            try await outbound.write(ByteBuffer(string: head))
            var received = ByteBuffer()
            var interim: String?
            if waitForInterim {
                while !String(buffer: received).contains("\r\n\r\n"), var next = try await iterator.next() {
                    received.writeBuffer(&next)
                }
                interim = String(buffer: received)
                received.clear()
            }
            for chunk in body {
                try await outbound.write(chunk)
            }
            while var next = try await iterator.next() {
                received.writeBuffer(&next)
            }
            return (interim, String(buffer: received))
        }
    }

    /// `bytes` in the chunked transfer coding, cut into chunks of `size` bytes.
    static func chunked(_ bytes: [UInt8], size: Int) -> [ByteBuffer] {
        var chunks = stride(from: 0, to: bytes.count, by: size).map { start in
            let piece = bytes[start..<min(start + size, bytes.count)]
            var buffer = ByteBuffer(string: String(piece.count, radix: 16) + "\r\n")
            buffer.writeBytes(piece)
            buffer.writeString("\r\n")
            return buffer
        }
        chunks.append(ByteBuffer(string: "0\r\n\r\n"))
        return chunks
    }
}
