import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing

/// CSRF protection for browser sessions (issue 8): a browser request that changes something with only the session
/// cookie must carry the session's token; Basic requests and non-browser cookie clients need none.
@Suite struct CSRFTests {
    @Test func browserRequestsWithOnlyTheCookieNeedTheToken() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let login = try await client.execute(
                uri: "/data/services/auth",
                method: .put,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=admin&password=\(TestAccounts.administrator.password)")
            )
            #expect(login.status == .ok)
            let cookie: HTTPFields = [.cookie: "JSESSIONID=\(login.text)"]
            let home = try await client.execute(uri: "/", method: .get, headers: cookie)
            let match = try #require(home.text.firstMatch(of: /var csrfToken = '([0-9a-f]+)';/))
            let token = String(match.1)

            var browser = cookie
            browser[.origin] = "https://evil.example.org"
            let forged = try await client.execute(uri: "/data/projects/P2", method: .put, headers: browser)
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("XNAT_CSRF"))
            let wrong = try await client.execute(uri: "/data/projects/P2?XNAT_CSRF=0000", method: .put, headers: browser)
            #expect(wrong.status == .forbidden)
            let withToken = try await client.execute(uri: "/data/projects/P2?XNAT_CSRF=\(token)", method: .put, headers: browser)
            #expect(withToken.status == .ok)
            var header = browser
            header[HTTPField.Name("XNAT_CSRF")!] = token
            #expect(try await client.execute(uri: "/data/projects/P3", method: .put, headers: header).status == .ok)

            // A script with the cookie and no browser headers (xnatpy), and any Basic request, need no token.
            #expect(try await client.execute(uri: "/data/projects/P4", method: .put, headers: cookie).status == .ok)
            var basic = ImportTesting.admin
            basic[.origin] = "https://elsewhere.example.org"
            #expect(try await client.execute(uri: "/data/projects/P5", method: .put, headers: basic).status == .ok)
            // Reading never needs it.
            #expect(try await client.execute(uri: "/data/projects", method: .get, headers: browser).status == .ok)
        }
    }
}
