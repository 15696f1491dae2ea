import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

@Suite struct UserControllerTests {
    private struct UserJSON: Decodable, Equatable {
        var username: String
        var firstName: String
        var lastName: String
        var email: String
        var enabled: Bool
        var verified: Bool
        var lastSuccessfulLogin: Int64?
    }

    private static func user(_ response: TestResponse) throws -> UserJSON {
        try JSONDecoder().decode(UserJSON.self, from: Data(response.text.utf8))
    }

    private static let jane =
        #"{"username":"jane","password":"jane-pw","email":"jane@example.org","firstName":"Jane","lastName":"Doe"}"#

    @Test func anAdministratorCreatesAUserWhoCanLogIn() async throws {
        try await withTestRouter { (client) async throws in
            let created = try await client.executeJSON(uri: "/xapi/users", method: .post, Self.jane)
            #expect(created.status == .created)
            #expect(created.headers[.contentType] == "application/json; charset=utf-8")
            let body = try Self.user(created)
            #expect(
                body
                    == UserJSON(
                        username: "jane",
                        firstName: "Jane",
                        lastName: "Doe",
                        email: "jane@example.org",
                        enabled: true,
                        verified: true,
                        lastSuccessfulLogin: nil
                    )
            )
            #expect(!created.text.contains("jane-pw"))
            let again = try await client.executeJSON(uri: "/xapi/users", method: .post, Self.jane)
            #expect(again.status == .conflict)
            let check = try await client.execute(
                uri: "/data/auth",
                method: .get,
                headers: TestAccounts.basic("jane", "jane-pw")
            )
            #expect(check.text == "User 'jane' is logged in")
            let profile = try await client.execute(
                uri: "/xapi/users/jane",
                method: .get,
                headers: TestAccounts.administratorHeaders
            )
            #expect(try Self.user(profile).lastSuccessfulLogin != nil)
        }
    }

    @Test(arguments: [
        #"{"username":"bad login","password":"pw"}"#, #"{"username":"nopassword"}"#, #"{"password":"pw"}"#,
        #"{"username":"x","password":""}"#, "not json",
    ])
    func badNewUsersAre400(body: String) async throws {
        try await withTestRouter { (client) async throws in
            let response = try await client.executeJSON(uri: "/xapi/users", method: .post, body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test func onlyAdministratorsListCreateAndChange() async throws {
        try await withTestRouter { (client) async throws in
            let headers = TestAccounts.userHeaders
            #expect(try await client.execute(uri: "/xapi/users", method: .get, headers: headers).status == .forbidden)
            #expect(
                try await client.execute(uri: "/xapi/users/profiles", method: .get, headers: headers).status
                    == .forbidden
            )
            #expect(
                try await client.executeJSON(uri: "/xapi/users", method: .post, headers: headers, Self.jane).status
                    == .forbidden
            )
            #expect(
                try await client.executeJSON(uri: "/xapi/users/admin", method: .put, headers: headers, "{}").status
                    == .forbidden
            )
            #expect(
                try await client.execute(uri: "/xapi/users/admin/enabled/false", method: .put, headers: headers).status
                    == .forbidden
            )
            #expect(
                try await client.execute(uri: "/xapi/users/admin", method: .get, headers: headers).status == .forbidden
            )
            // Someone else's profile is 403 whether or not the login exists.
            #expect(
                try await client.execute(uri: "/xapi/users/ghost", method: .get, headers: headers).status == .forbidden
            )
            #expect(try await client.execute(uri: "/xapi/users", method: .get).status == .unauthorized)
        }
    }

    @Test func listsAndProfiles() async throws {
        try await withTestRouter { (client) async throws in
            let logins = try await client.execute(
                uri: "/xapi/users",
                method: .get,
                headers: TestAccounts.administratorHeaders
            )
            #expect(logins.text == #"["admin","user"]"#)
            let profiles = try await client.execute(
                uri: "/xapi/users/profiles",
                method: .get,
                headers: TestAccounts.administratorHeaders
            )
            let decoded = try JSONDecoder().decode([UserJSON].self, from: Data(profiles.text.utf8))
            #expect(decoded.map(\.username) == ["admin", "user"])
            let own = try await client.execute(
                uri: "/xapi/users/profile/user",
                method: .get,
                headers: TestAccounts.userHeaders
            )
            #expect(try Self.user(own).username == "user")
            let name = try await client.execute(
                uri: "/xapi/users/username",
                method: .get,
                headers: TestAccounts.userHeaders
            )
            #expect(name.text == "user")
            #expect(
                try await client.execute(
                    uri: "/xapi/users/ghost",
                    method: .get,
                    headers: TestAccounts.administratorHeaders
                ).status == .notFound
            )
            let enabled = try await client.execute(
                uri: "/xapi/users/user/enabled",
                method: .get,
                headers: TestAccounts.userHeaders
            )
            #expect(enabled.text == "true")
        }
    }

    @Test func anAdministratorChangesFieldsAndThePassword() async throws {
        try await withTestRouter { (client) async throws in
            let response = try await client.executeJSON(
                uri: "/xapi/users/user",
                method: .put,
                #"{"email":"user@example.org","password":"changed"}"#
            )
            #expect(response.status == .ok)
            #expect(try Self.user(response).email == "user@example.org")
            #expect(
                try await client.execute(uri: "/data/auth", method: .get, headers: TestAccounts.userHeaders).status
                    == .unauthorized
            )
            #expect(
                try await client.execute(
                    uri: "/data/auth",
                    method: .get,
                    headers: TestAccounts.basic("user", "changed")
                ).status == .ok
            )
            let mismatch = try await client.executeJSON(uri: "/xapi/users/user", method: .put, #"{"username":"other"}"#)
            #expect(mismatch.status == .badRequest)
            #expect(try await client.executeJSON(uri: "/xapi/users/ghost", method: .put, "{}").status == .notFound)
        }
    }

    @Test func disablingRefusesEveryLoginAndEnablingRestoresIt() async throws {
        try await withTestRouter { (client) async throws in
            let login = try await client.execute(uri: "/data/JSESSION", method: .get, headers: TestAccounts.userHeaders)
            let session = try #require(login.cookie("JSESSIONID"))
            let token = try await client.execute(
                uri: "/data/services/tokens/issue",
                method: .get,
                headers: TestAccounts.userHeaders
            )
            let issued = try JSONDecoder().decode([String: AnyCodable].self, from: Data(token.text.utf8))
            let alias = try #require(issued["alias"]?.text)
            let secret = try #require(issued["secret"]?.text)

            let disable = try await client.execute(
                uri: "/xapi/users/user/enabled/false",
                method: .put,
                headers: TestAccounts.administratorHeaders
            )
            #expect(disable.status == .ok && disable.text.isEmpty)
            let basic = try await client.execute(uri: "/data/auth", method: .get, headers: TestAccounts.userHeaders)
            #expect(basic.status == .unauthorized)
            #expect(basic.text == "Login attempt failed: this account is disabled")
            let form = try await client.formLogin("user", TestAccounts.user.password)
            #expect(form.status == .unauthorized && form.text.contains("disabled"))
            let cookie = try await client.execute(
                uri: "/data/auth",
                method: .get,
                headers: [.cookie: "JSESSIONID=\(session)"]
            )
            #expect(cookie.status == .unauthorized)
            let byToken = try await client.execute(
                uri: "/data/auth",
                method: .get,
                headers: TestAccounts.basic(alias, secret)
            )
            #expect(byToken.status == .unauthorized)
            #expect(
                try await client.execute(
                    uri: "/xapi/users/user/enabled/maybe",
                    method: .put,
                    headers: TestAccounts.administratorHeaders
                ).status == .badRequest
            )

            _ = try await client.execute(
                uri: "/xapi/users/user/enabled/true",
                method: .put,
                headers: TestAccounts.administratorHeaders
            )
            #expect(
                try await client.execute(uri: "/data/auth", method: .get, headers: TestAccounts.userHeaders).status
                    == .ok
            )
        }
    }
}

/// A JSON value of which tests read strings only.
private struct AnyCodable: Decodable {
    var text: String?

    init(from decoder: any Decoder) throws {
        text = try? decoder.singleValueContainer().decode(String.self)
    }
}
