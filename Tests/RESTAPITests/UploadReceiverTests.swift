import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing

/// ``UploadReceiver`` through a one-route router: what XNAT clients send (curl `-F`, xnatpy raw bodies, the Desktop
/// Client's chunked zips, xnatctl `inbody=true`) is staged byte for byte, refusals leave no staged file.
@Suite struct UploadReceiverTests {
    private func post(
        _ client: any TestClientProtocol,
        query: String = "",
        headers: HTTPFields,
        body: [UInt8]
    ) async throws -> TestResponse {
        try await client.execute(uri: "/upload" + query, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    /// Expects a 200 whose staged file is the only one in `staging` and holds exactly `content`.
    private func expectStaged(_ response: TestResponse, _ content: [UInt8], in staging: URL) throws -> UploadSummary? {
        #expect(response.status == .ok, "\(response.text)")
        guard let summary = response.summary else { return nil }
        #expect(summary.file.hasPrefix(".upload-"))
        #expect(try stagedFiles(staging) == [summary.file])
        #expect(summary.size == Int64(content.count))
        let staged = try Data(contentsOf: staging.appending(path: summary.file))
        #expect(staged == Data(content))
        return summary
    }

    /// Expects a refusal with `status` whose message contains `message`, and no staged file left behind.
    private func expectRefused(
        _ response: TestResponse,
        _ status: HTTPResponse.Status,
        _ message: String,
        staging: URL
    ) throws {
        #expect(response.status == status)
        #expect(response.text.contains(message), "\(response.text)")
        #expect(try stagedFiles(staging) == [])
    }

    // MARK: Multipart (curl -F)

    @Test func multipartFileIsStagedByteForByteWithFieldsAndNoClientPath() async throws {
        let content = testBytes(count: 300_000)
        try await withUploadApp { client, staging in
            var form = MultipartBody()
            form.field("project", "P1")
            form.file("file", fileName: #"C:\Users\me\series.zip"#, type: "application/zip", content)
            form.field("import-handler", "DICOM-zip")
            let response = try await post(client, headers: form.headers, body: form.bytes)
            let summary = try expectStaged(response, content, in: staging)
            #expect(summary?.name == "series.zip")
            #expect(summary?.type == "application/zip")
            #expect(summary?.fields == [["project", "P1"], ["import-handler", "DICOM-zip"]])
        }
    }

    @Test(arguments: [("dir/sub/a.dcm", "a.dcm"), (#"\\server\share\b.zip"#, "b.zip"), ("plain.tgz", "plain.tgz")])
    func multipartFileNamesLoseTheirPath(sent: String, kept: String) async throws {
        try await withUploadApp { client, staging in
            var form = MultipartBody()
            form.file("file", fileName: sent, [1, 2, 3])
            let response = try await post(client, headers: form.headers, body: form.bytes)
            #expect(try expectStaged(response, [1, 2, 3], in: staging)?.name == kept)
        }
    }

    @Test func multipartWithOnlyFieldsIsNoUpload() async throws {
        try await withUploadApp { client, staging in
            var form = MultipartBody()
            form.field("import-handler", "inbox")
            let response = try await post(client, headers: form.headers, body: form.bytes)
            #expect(response.status == .noContent)
            #expect(try stagedFiles(staging) == [])
        }
    }

    @Test func multipartRefusals() async throws {
        try await withUploadApp { client, staging in
            var noName = MultipartBody()
            noName.file("file", fileName: "", [1, 2, 3])
            try expectRefused(
                try await post(client, headers: noName.headers, body: noName.bytes),
                .badRequest,
                "multi-part form posts must contain the file name of the uploaded file",
                staging: staging
            )

            var reference = MultipartBody()
            reference.field("reference", "/data/some/file.zip")
            try expectRefused(
                try await post(client, headers: reference.headers, body: reference.bytes),
                .badRequest,
                "multi-part form posts may not be used to upload files via reference",
                staging: staging
            )

            var twoFiles = MultipartBody()
            twoFiles.file("file", fileName: "a.zip", testBytes(count: 100_000))
            twoFiles.file("file2", fileName: "b.zip", testBytes(count: 100_000, seed: 7))
            try expectRefused(
                try await post(client, headers: twoFiles.headers, body: twoFiles.bytes),
                .badRequest,
                "Importer is limited to one uploaded resource at a time.",
                staging: staging
            )

            var inBody = MultipartBody()
            inBody.file("file", fileName: "a.zip", [1])
            try expectRefused(
                try await post(client, query: "?inbody=true", headers: inBody.headers, body: inBody.bytes),
                .notAcceptable,
                "In-body posts must not be multipart",
                staging: staging
            )
        }
    }

    @Test func multipartFieldLimits() async throws {
        try await withUploadApp { client, staging in
            var long = MultipartBody()
            long.field("comment", String(repeating: "x", count: 64 * 1024 + 1))
            long.file("file", fileName: "a.zip", [1])
            try expectRefused(
                try await post(client, headers: long.headers, body: long.bytes),
                .badRequest,
                "longer than 65536 bytes",
                staging: staging
            )

            var many = MultipartBody()
            for index in 0...1000 { many.field("f\(index)", "v") }
            try expectRefused(
                try await post(client, headers: many.headers, body: many.bytes),
                .badRequest,
                "more than 1000 fields",
                staging: staging
            )
        }
    }

    @Test func malformedMultipartBodiesAreRefused() async throws {
        try await withUploadApp { client, staging in
            var form = MultipartBody()
            form.file("file", fileName: "a.zip", testBytes(count: 10_000))
            let complete = form.bytes
            let malformed: [(HTTPFields, [UInt8], String)] = [
                ([.contentType: "multipart/form-data"], complete, "no usable boundary"),
                (form.headers, Array(complete.dropLast(40)), "ends before the closing boundary"),
                (
                    form.headers,
                    Array("--\(form.boundary)\r\nno colon here\r\n\r\nx\r\n--\(form.boundary)--\r\n".utf8),
                    "headers are invalid"
                ),
                (form.headers, testBytes(count: 200_000, seed: 3), "without part content"),
                (form.headers, Array("just some text".utf8), "ends before the closing boundary"),
            ]
            for (headers, body, message) in malformed {
                let response = try await post(client, headers: headers, body: body)
                try expectRefused(response, .badRequest, "The multipart body is malformed: ", staging: staging)
                #expect(response.text.contains(message), "\(response.text)")
            }
        }
    }

    // MARK: In-body (xnatpy, xnatctl, Desktop Client)

    @Test(arguments: [
        ("application/zip", "upload.zip"), ("application/dicom", "upload.dcm"), ("application/x-tar", "upload.tar"),
        ("application/x-gtar", "upload.tar.gz"), ("application/x-gzip", "upload.gzip"),
        ("application/octet-stream", "upload"), ("Application/ZIP; charset=binary", "upload.zip"),
    ])
    func rawBodiesOfUploadTypesAreTheFile(contentType: String, name: String) async throws {
        let content = testBytes(count: 100_000)
        try await withUploadApp { client, staging in
            let response = try await post(client, headers: [.contentType: contentType], body: content)
            let summary = try expectStaged(response, content, in: staging)
            #expect(summary?.name == name)
            #expect(summary?.type == contentType)
            #expect(summary?.fields == [])
        }
    }

    @Test func inbodyTakesAnyTypeAndNoTypeMeansInBodyWhenThereIsABody() async throws {
        try await withUploadApp { client, staging in
            let json = try await post(
                client,
                query: "?inbody=true",
                headers: [.contentType: "application/json"],
                body: [7]
            )
            #expect(try expectStaged(json, [7], in: staging)?.name == "upload.unsupported")
            try FileManager.default.removeItem(at: staging.appending(path: json.summary?.file ?? "-"))

            let untyped = try await post(client, headers: [:], body: [8, 9])
            #expect(try expectStaged(untyped, [8, 9], in: staging)?.name == "upload")
            try FileManager.default.removeItem(at: staging.appending(path: untyped.summary?.file ?? "-"))

            let notAnUpload = try await post(client, headers: [.contentType: "application/json"], body: [1])
            #expect(notAnUpload.status == .noContent)
            let nothing = try await client.execute(uri: "/upload", method: .post)
            #expect(nothing.status == .noContent)
            let emptyForm = try await client.execute(
                uri: "/upload",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"]
            )
            #expect(emptyForm.status == .noContent)
            try expectRefused(
                try await post(
                    client,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: Array("a=b".utf8)
                ),
                .badRequest,
                "URL-encoded form bodies cannot carry an upload",
                staging: staging
            )
        }
    }

    @Test func emptyBodiesAreRefusedExceptAStreamingZip() async throws {
        try await withUploadApp { client, staging in
            try expectRefused(
                try await post(client, headers: [.contentType: "application/dicom"], body: []),
                .badRequest,
                "The request body is empty",
                staging: staging
            )
            try expectRefused(
                try await post(client, query: "?inbody=true", headers: [:], body: []),
                .badRequest,
                "The request body is empty",
                staging: staging
            )
            let zip = try await post(client, headers: [.contentType: "application/zip"], body: [])
            #expect(try expectStaged(zip, [], in: staging)?.name == "upload.zip")
        }
    }

    @Test func bodiesOverTheLimitAre413() async throws {
        try await withUploadApp(maximumSize: 1000) { client, staging in
            try expectRefused(
                try await post(client, headers: [.contentType: "application/zip"], body: testBytes(count: 1001)),
                .contentTooLarge,
                "larger than the limit of 1000 bytes",
                staging: staging
            )
            var form = MultipartBody()
            form.file("file", fileName: "a.zip", testBytes(count: 2000))
            try expectRefused(
                try await post(client, headers: form.headers, body: form.bytes),
                .contentTooLarge,
                "larger than the limit",
                staging: staging
            )
            let fits = try await post(client, headers: [.contentType: "application/zip"], body: testBytes(count: 1000))
            _ = try expectStaged(fits, testBytes(count: 1000), in: staging)
        }
    }
}
