import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// `GET /data/services/tokens/show[/user/{login}]` (XNAT's `show` operation).
@Suite struct AliasTokenListingTests {
    private struct ListedToken: Decodable {
        var alias: String
        var xdatUserId: String
        var estimatedExpirationTime: Int64
        var secret: String?
    }

    private static func listed(_ response: TestResponse) throws -> [ListedToken] {
        try JSONDecoder().decode([ListedToken].self, from: Data(response.text.utf8))
    }

    private static func issue(_ client: some TestClientProtocol, _ headers: HTTPFields) async throws -> String {
        let response = try await client.execute(uri: "/data/services/tokens/issue", method: .get, headers: headers)
        let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
        return try #require(object?["alias"] as? String)
    }

    @Test func usersSeeTheirOwnTokensWithoutSecrets() async throws {
        let clock = ManualClock()
        try await withTestRouter(clock: clock) { (client) async throws in
            let first = try await Self.issue(client, TestAccounts.userHeaders)
            let second = try await Self.issue(client, TestAccounts.userHeaders)
            _ = try await Self.issue(client, TestAccounts.administratorHeaders)
            for uri in ["/data/services/tokens/show", "/REST/services/tokens/show?format=json"] {
                let response = try await client.execute(uri: uri, method: .get, headers: TestAccounts.userHeaders)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let tokens = try Self.listed(response)
                #expect(Set(tokens.map(\.alias)) == [first, second])
                #expect(tokens.allSatisfy { $0.secret == nil && $0.xdatUserId == "user" })
                #expect(!response.text.contains("secret"))
            }
            clock.advance(by: .seconds(48 * 3600))
            let expired = try await client.execute(
                uri: "/data/services/tokens/show",
                method: .get,
                headers: TestAccounts.userHeaders
            )
            #expect(expired.text == "[]")
        }
    }

    @Test func administratorsListOtherUsersTokens() async throws {
        try await withTestRouter { (client) async throws in
            let alias = try await Self.issue(client, TestAccounts.userHeaders)
            let uri = "/data/services/tokens/show/user/user"
            let response = try await client.execute(uri: uri, method: .get, headers: TestAccounts.administratorHeaders)
            #expect(try Self.listed(response).map(\.alias) == [alias])
            let refused = try await client.execute(
                uri: "/data/services/tokens/show/user/admin",
                method: .get,
                headers: TestAccounts.userHeaders
            )
            #expect(refused.status == .forbidden)
            let own = try await client.execute(uri: uri, method: .get, headers: TestAccounts.userHeaders)
            #expect(own.status == .ok)
            let missing = try await client.execute(
                uri: "/data/services/tokens/show/user/ghost",
                method: .get,
                headers: TestAccounts.administratorHeaders
            )
            #expect(missing.status == .notFound)
            #expect(try await client.execute(uri: "/data/services/tokens/show", method: .get).status == .unauthorized)
        }
    }
}
