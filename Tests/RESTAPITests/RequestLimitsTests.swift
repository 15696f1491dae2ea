import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import Testing
import XNATImport

@Suite struct RequestLimitsTests {
    private static func withLimitedRouter(
        _ limits: RequestLimits,
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withTestServices { services in
            let app = buildApplication(
                configuration: HTTPConfiguration(host: "127.0.0.1", port: 0, limits: limits),
                services: services,
                logger: Logger(label: "test")
            )
            try await app.test(.router, test)
        }
    }

    @Test func headerFieldsOverTheLimitAre431() async throws {
        try await Self.withLimitedRouter(RequestLimits(maximumHeaderBytes: 2048)) { client in
            var headers = TestAccounts.userHeaders
            headers[HTTPField.Name("X-Padding")!] = String(repeating: "p", count: 3000)
            let response = try await client.execute(uri: "/data/projects", method: .get, headers: headers)
            #expect(response.status == .requestHeaderFieldsTooLarge)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.text.hasPrefix("The request's header fields are "))
            #expect(response.text.hasSuffix("over the limit of 2048 bytes"))
        }
    }

    @Test func aRequestTargetOverTheLimitIs414() async throws {
        try await Self.withLimitedRouter(RequestLimits(maximumHeaderBytes: 2048)) { client in
            let uri = "/data/projects?x=" + String(repeating: "y", count: 3000)
            let response = try await client.execute(uri: uri, method: .get, headers: TestAccounts.userHeaders)
            #expect(response.status == .uriTooLong)
            #expect(response.text.hasPrefix("The request target is "))
        }
    }

    @Test func aDeclaredBodyOverTheLimitIs413BeforeItIsRead() async throws {
        try await Self.withLimitedRouter(RequestLimits(maximumUploadSize: 100)) { client in
            var headers = TestAccounts.userHeaders
            headers[.contentType] = "application/zip"
            let response = try await client.execute(
                uri: "/data/services/import",
                method: .post,
                headers: headers,
                body: ByteBuffer(repeating: 0, count: 200)
            )
            #expect(response.status == .contentTooLarge)
            #expect(response.text == "The upload is larger than the limit of 100 bytes")
        }
    }

    @Test(arguments: ["gzip", "nope", "deflate, br"])
    func aContentEncodingIs415(encoding: String) async throws {
        try await Self.withLimitedRouter(RequestLimits()) { client in
            var headers = TestAccounts.userHeaders
            headers[.contentType] = "application/zip"
            headers[.contentEncoding] = encoding
            let response = try await client.execute(
                uri: "/data/services/import",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: "PK")
            )
            #expect(response.status == .unsupportedMediaType)
            #expect(response.text.hasPrefix("Content-Encoding \(encoding) is not supported"))
        }
    }

    @Test func identityEncodingIsNoEncoding() async throws {
        try await Self.withLimitedRouter(RequestLimits()) { client in
            var headers = TestAccounts.userHeaders
            headers[.contentType] = "application/zip"
            headers[.contentEncoding] = "identity"
            let response = try await client.execute(
                uri: "/data/services/import",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: "not a zip")
            )
            #expect(response.status == .badRequest)
        }
    }
}

@Suite struct InsufficientStorageTests {
    @Test(arguments: [
        POSIXError(.ENOSPC) as any Error, POSIXError(.EDQUOT),
        NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue),
        NSError(domain: NSCocoaErrorDomain, code: 512, userInfo: [NSUnderlyingErrorKey: POSIXError(.ENOSPC)]),
        StorageError(.write, path: "/data/x", reason: String(cString: strerror(ENOSPC))),
        ImportError(.serverFailure, "step failed: SQLiteError(reason: SQLITE_FULL)"),
        ImportError(.insufficientStorage, ImportError.insufficientStorageMessage),
    ])
    func fullDisksAreRecognised(error: any Error) {
        #expect(ImportError.isOutOfSpace(error))
    }

    @Test(arguments: [
        POSIXError(.EIO) as any Error, POSIXError(.EACCES),
        ImportError(.serverFailure, "Could not write /x: Permission denied"),
        StorageError(.write, path: "/data/x", reason: String(cString: strerror(EIO))),
    ])
    func otherFailuresAreNot(error: any Error) {
        #expect(!ImportError.isOutOfSpace(error))
    }
}
