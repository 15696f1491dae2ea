import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

@Suite struct AliasTokenControllerTests {
    private static let admin = TestAccounts.administratorHeaders

    /// The members of XNAT's token JSON that tests read.
    private struct TokenJSON: Decodable {
        var alias: String
        var secret: String
        var xdatUserId: String
        var estimatedExpirationTime: Int64
        var singleUse: Bool
        var enabled: Bool
        var validIPAddresses: [String]
    }

    private static func token(_ response: TestResponse) throws -> TokenJSON {
        try JSONDecoder().decode(TokenJSON.self, from: Data(response.text.utf8))
    }

    /// Issues a token at `uri` as `headers` and returns its alias and secret.
    private static func issue(
        _ client: some TestClientProtocol,
        uri: String = "/data/services/tokens/issue",
        headers: HTTPFields = admin
    ) async throws -> (alias: String, secret: String) {
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        #expect(response.status == .ok)
        let issued = try Self.token(response)
        return (issued.alias, issued.secret)
    }

    @Test func issuingAnswersXNATsTokenJSON() async throws {
        let clock = ManualClock()
        try await withTestRouter(clock: clock) { client in
            let response = try await client.execute(
                uri: "/data/services/tokens/issue?format=json",
                method: .get,
                headers: Self.admin
            )
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let token = try Self.token(response)
            #expect(AliasToken.isAliasFormat(token.alias))
            #expect(token.secret.count == 64)
            #expect(token.xdatUserId == "admin")
            #expect(token.estimatedExpirationTime == clock.now().adding(.seconds(48 * 3600)).millisecondsSince1970)
            #expect(!token.singleUse && token.enabled && token.validIPAddresses.isEmpty)
        }
    }

    @Test func aTokenLogsInWithHTTPBasicAndTheRootSetsASessionCookie() async throws {
        // xnatpy's token login: `GET /` with Basic alias:secret, then the JSESSIONID cookie alone.
        try await withTestRouter { client in
            let token = try await Self.issue(client)
            let root = try await client.execute(
                uri: "/",
                method: .get,
                headers: TestAccounts.basic(token.alias, token.secret)
            )
            #expect(root.status == .ok)
            #expect(root.text.contains("Logged in as: admin"))
            let session = try #require(root.cookie("JSESSIONID"))
            let check = try await client.execute(
                uri: "/data/auth",
                method: .get,
                headers: [.cookie: "JSESSIONID=\(session)"]
            )
            #expect(check.text == "User 'admin' is logged in")
            var both = TestAccounts.basic(token.alias, token.secret)
            both[.cookie] = "JSESSIONID=\(session)"
            let again = try await client.execute(uri: "/data/auth", method: .get, headers: both)
            #expect(again.status == .ok)
            #expect(again.cookie("JSESSIONID") == nil)
        }
    }

    @Test func aWrongSecretOrAnExpiredTokenIsAWrongPassword() async throws {
        let clock = ManualClock()
        try await withTestRouter(clock: clock) { client in
            let token = try await Self.issue(client)
            for headers in [
                TestAccounts.basic(token.alias, "wrong"), TestAccounts.basic(token.alias.uppercased(), token.secret),
            ] {
                let refused = try await client.execute(uri: "/data/auth", method: .get, headers: headers)
                #expect(refused.status == .unauthorized)
                #expect(refused.text == "Login attempt failed. Please try again.")
            }
            clock.advance(by: .seconds(48 * 3600))
            let expired = try await client.execute(
                uri: "/",
                method: .get,
                headers: TestAccounts.basic(token.alias, token.secret)
            )
            #expect(expired.status == .unauthorized)
            #expect(expired.text == "Login attempt failed. Please try again.")
        }
    }

    @Test func administratorsIssueTokensForOthersAndUsersOnlyForThemselves() async throws {
        try await withTestRouter { client in
            let forUser = try await Self.issue(client, uri: "/REST/services/tokens/issue/user/user")
            let login = try await client.execute(
                uri: "/data/auth",
                method: .get,
                headers: TestAccounts.basic(forUser.alias, forUser.secret)
            )
            #expect(login.text == "User 'user' is logged in")
            _ = try await Self.issue(
                client,
                uri: "/data/services/tokens/issue/user/user",
                headers: TestAccounts.userHeaders
            )
            let refused = try await client.execute(
                uri: "/data/services/tokens/issue/user/admin",
                method: .get,
                headers: TestAccounts.userHeaders
            )
            #expect(refused.status == .forbidden)
            let unknown = try await client.execute(
                uri: "/data/services/tokens/issue/user/nobody",
                method: .get,
                headers: Self.admin
            )
            #expect(unknown.status == .notFound)
        }
    }

    @Test func validateNamesTheTokensUserAndInvalidateEndsIt() async throws {
        try await withTestRouter { client in
            let token = try await Self.issue(client)
            let base = "/data/services/tokens"
            let valid = try await client.execute(
                uri: "\(base)/validate/\(token.alias)/\(token.secret)",
                method: .get,
                headers: Self.admin
            )
            #expect(valid.text == #"{"valid":"admin"}"#)
            let wrong = try await client.execute(
                uri: "\(base)/validate/\(token.alias)/wrong",
                method: .get,
                headers: Self.admin
            )
            #expect(wrong.text == #"{"valid":null}"#)
            let foreign = try await client.execute(
                uri: "\(base)/validate/\(token.alias)/\(token.secret)",
                method: .get,
                headers: TestAccounts.userHeaders
            )
            #expect(foreign.status == .forbidden)
            let ended = try await client.execute(
                uri: "\(base)/invalidate/\(token.alias)/\(token.secret)",
                method: .get,
                headers: Self.admin
            )
            #expect(ended.text == #"{"result":"OK"}"#)
            let login = try await client.execute(
                uri: "/",
                method: .get,
                headers: TestAccounts.basic(token.alias, token.secret)
            )
            #expect(login.status == .unauthorized)
            let unknown = try await client.execute(
                uri: "\(base)/validate/\(token.alias)/\(token.secret)",
                method: .get,
                headers: Self.admin
            )
            #expect(unknown.status == .notFound)
        }
    }

    @Test func tokensNeedALogin() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: "/data/services/tokens/issue", method: .get)
            #expect(response.status == .unauthorized)
        }
    }
}
