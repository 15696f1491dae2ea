import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import Testing

@Suite struct ErrorResponseTests {
    @Test(arguments: ["/no/such/path", "/data/services/no-such-service", "/data/prearchive/nowhere/at/all/deep"])
    func unknownRoutesAreNotFoundInPlainText(uri: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: uri, method: .get, headers: TestAccounts.userHeaders)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.text == "Not Found")
        }
    }

    @Test func unknownRoutesNeedALoginFirst() async throws {
        // XNAT authenticates before it routes: the curl workflow expects 401 (xnat-clients.md §9, item 13).
        try await withTestRouter { client in
            let response = try await client.execute(uri: "/no/such/path", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test func unknownMethodOnAKnownPathIsNotFoundInPlainText() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: "/", method: .delete, headers: TestAccounts.userHeaders)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }
}
