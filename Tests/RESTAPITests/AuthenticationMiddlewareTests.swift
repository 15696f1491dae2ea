import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing

@Suite struct AuthenticationMiddlewareTests {

    @Test func goodBasicCredentialsStartASessionAndSetBothCookies() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: "/data/auth",
                method: .get,
                headers: TestAccounts.administratorHeaders
            )
            #expect(response.status == .ok)
            #expect(response.text == "User 'admin' is logged in")
            let sessionID = try #require(response.cookie("JSESSIONID"))
            #expect(sessionID.wholeMatch(of: /[0-9A-F]{32}/) != nil)
            let expiration = try #require(response.cookie("SESSION_EXPIRATION_TIME"))
            #expect(expiration.wholeMatch(of: /"\d{13},900000"/) != nil)
            #expect(response.headers[values: .setCookie].contains("JSESSIONID=\(sessionID); Path=/; HttpOnly"))
        }
    }

    @Test(arguments: ["/data/auth", "/data/projects", "/", "/xapi/siteConfig/buildInfo", "/data/no/such/path"])
    func badBasicCredentialsAreRefusedEverywhere(uri: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: uri,
                method: .get,
                headers: TestAccounts.basic("admin", "wrong")
            )
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.headers[.wwwAuthenticate] == "Basic realm=\"XNAT\"")
            #expect(response.text == "Login attempt failed. Please try again.")
            #expect(response.cookie("JSESSIONID") == nil)
        }
    }

    @Test func anUnknownLoginIsRefusedLikeAWrongPassword() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: "/data/JSESSION",
                method: .get,
                headers: TestAccounts.basic("nobody", "admin-password")
            )
            #expect(response.status == .unauthorized)
            #expect(response.text == "Login attempt failed. Please try again.")
        }
    }

    @Test(arguments: ["/data/projects", "/data/auth", "/data/JSESSION", "/REST/projects", "/data/no/such/path"])
    func anonymousRequestsToPrivateRoutesGetAPlainText401(uri: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.headers[.wwwAuthenticate] == "Basic realm=\"XNAT\"")
            #expect(!response.text.contains("<"))
            #expect(response.text == "The request requires user authentication")
        }
    }

    @Test(arguments: ["/", "/xapi/siteConfig/buildInfo"])
    func publicRoutesAnswerAnonymousRequestsWithoutCookies(uri: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[values: .setCookie].isEmpty)
        }
    }

    @Test func basicCredentialsOnTheRootStartASession() async throws {
        // xnatpy's alias-token login reads the JSESSIONID set on `GET /` (xnat-clients.md §1.2).
        try await withTestRouter { client in
            let response = try await client.execute(uri: "/", method: .get, headers: TestAccounts.userHeaders)
            #expect(response.status == .ok)
            #expect(response.cookie("JSESSIONID") != nil)
        }
    }

    @Test func aStaleCookieOnAPublicRouteIsIgnored() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: "/",
                method: .get,
                headers: [.cookie: "JSESSIONID=0123456789ABCDEF0123456789ABCDEF"]
            )
            #expect(response.status == .ok)
        }
    }

    @Test func basicCredentialsForAnotherUserReplaceTheCookiesSession() async throws {
        try await withTestRouter { client in
            let first = try await client.execute(uri: "/data/JSESSION", method: .get, headers: TestAccounts.userHeaders)
            let userSession = try #require(first.cookie("JSESSIONID"))
            var headers = TestAccounts.administratorHeaders
            headers[.cookie] = "JSESSIONID=\(userSession)"
            let second = try await client.execute(uri: "/data/auth", method: .get, headers: headers)
            #expect(second.text == "User 'admin' is logged in")
            #expect(second.cookie("JSESSIONID") != userSession)
        }
    }
}
