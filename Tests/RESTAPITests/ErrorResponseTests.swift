import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import Testing

@Suite struct ErrorResponseTests {
    private func makeApp() -> some ApplicationProtocol {
        buildApplication(configuration: HTTPConfiguration(host: "127.0.0.1", port: 0), logger: Logger(label: "test"))
    }

    @Test(arguments: ["/no/such/path", "/data/services/import", "/data/prearchive"])
    func unknownRoutesAreNotFoundInPlainText(uri: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(String(buffer: response.body) == "Not Found")
            }
        }
    }

    @Test func unknownMethodOnAKnownPathIsNotFoundInPlainText() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/", method: .delete) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            }
        }
    }
}
