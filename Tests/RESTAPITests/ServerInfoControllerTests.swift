import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import Testing

@Suite struct ServerInfoControllerTests {
    @Test func rootNamesTheServer() async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("Sluice "))
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            }
        }
    }

    @Test func theLoggedInRootCarriesTheCSRFTokenTheDesktopClientLooksFor() async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/", method: .get, headers: TestAccounts.userHeaders) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                let token = try #require(page.firstMatch(of: /var csrfToken = ['"](.+?)['"];/)?.1)
                #expect(token.count == 32)
                #expect(page.contains("Logged in as: user"))
                #expect(response.cookie("JSESSIONID") != nil)
            }
        }
    }

    @Test func dataVersionIsNotFoundLikeXNAT17() async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/data/version", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(String(buffer: response.body).contains("buildInfo"))
            }
        }
    }

    @Test(arguments: ["/xapi/siteConfig/buildInfo", "/xapi/siteConfig/buildInfo?format=json"])
    func buildInfoReportsXNAT18(uri: String) async throws {
        try await withTestRouter { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let object =
                    try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                #expect(object?["version"] as? String == "1.8.10")
                #expect(object?["buildNumber"] is String)
            }
        }
    }
}
