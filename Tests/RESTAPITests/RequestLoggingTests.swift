import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import RESTAPI
import Testing

@Suite struct RequestLoggingTests {
    @Test func everyRequestIsLoggedWithARequestID() async throws {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "test") { _ in handler }
        logger.logLevel = .debug
        try await withTestRouter(logger: logger) { client in
            try await client.execute(uri: "/", method: .get) { _ in }
            try await client.execute(uri: "/missing", method: .get, headers: TestAccounts.userHeaders) { _ in }
        }
        let handled = handler.entries.filter { $0.message.description == "Handled request" }
        #expect(handled.count == 2)
        #expect(handled.map { $0.metadata["http.status"]?.description } == ["200", "404"])
        let ids = handled.compactMap { $0.metadata["request.id"]?.description }
        #expect(ids.count == 2)
        #expect(Set(ids).count == 2)
    }
}
