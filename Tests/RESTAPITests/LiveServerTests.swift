import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import Testing

/// One smoke test over a real socket; the other suites use `.router`, which skips the network.
@Suite struct LiveServerTests {
    @Test func servesRootNotFoundAndALoginOverTCP() async throws {
        try await withTestServices { services in
            let app = buildApplication(
                configuration: HTTPConfiguration(host: "127.0.0.1", port: 0),
                services: services,
                logger: Logger(label: "test")
            )
            try await app.test(.live) { client in
                #expect(client.port != nil)
                try await client.execute(uri: "/", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).hasPrefix("Sluice "))
                }
                let login = try await client.execute(
                    uri: "/data/JSESSION",
                    method: .post,
                    headers: TestAccounts.administratorHeaders
                )
                #expect(login.status == .ok)
                #expect(login.headers[values: .setCookie].count == 2)
                try await client.execute(
                    uri: "/nothing/here",
                    method: .get,
                    headers: [.cookie: "JSESSIONID=\(login.text)"]
                ) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                }
            }
        }
    }
}
