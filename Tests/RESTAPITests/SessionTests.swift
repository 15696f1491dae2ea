import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// `/data/JSESSION`, `/data/services/auth` and session expiry (`xnat-clients.md` §1.2).
@Suite struct SessionTests {
    private static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func postWithBasicCreatesASessionThatTheCookieThenUses() async throws {
        try await withTestRouter { client in
            let created = try await client.execute(
                uri: "/data/JSESSION",
                method: .post,
                headers: TestAccounts.administratorHeaders
            )
            #expect(created.status == .ok)
            #expect(created.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(created.cookie("JSESSIONID") == created.text)
            let cookie: HTTPFields = [.cookie: "JSESSIONID=\(created.text)"]

            let current = try await client.execute(uri: "/data/JSESSION", method: .get, headers: cookie)
            #expect(current.status == .ok)
            #expect(current.text == created.text)
            #expect(current.cookie("JSESSIONID") == nil)
            #expect(current.cookie("SESSION_EXPIRATION_TIME") != nil)

            let projects = try await client.execute(uri: "/data/projects", method: .get, headers: cookie)
            #expect(projects.status == .ok)
        }
    }

    @Test func deleteLogsOutAndTheCookieStopsWorking() async throws {
        try await withTestRouter { client in
            let created = try await client.execute(
                uri: "/data/JSESSION",
                method: .post,
                headers: TestAccounts.administratorHeaders
            )
            let cookie: HTTPFields = [.cookie: "JSESSIONID=\(created.text)"]
            let deleted = try await client.execute(uri: "/data/JSESSION", method: .delete, headers: cookie)
            #expect(deleted.status == .ok)
            #expect(deleted.text.isEmpty)
            #expect(deleted.cookie("JSESSIONID") == "")
            let after = try await client.execute(uri: "/data/auth", method: .get, headers: cookie)
            #expect(after.status == .unauthorized)
        }
    }

    @Test func deleteWithoutASessionIsStillOK() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: "/data/JSESSION", method: .delete)
            #expect(response.status == .ok)
        }
    }

    @Test func aSessionExpiresFifteenMinutesAfterItsLastUse() async throws {
        let clock = ManualClock()
        try await withTestRouter(clock: clock) { client in
            let created = try await client.execute(
                uri: "/data/JSESSION",
                method: .post,
                headers: TestAccounts.administratorHeaders
            )
            let cookie: HTTPFields = [.cookie: "JSESSIONID=\(created.text)"]
            clock.advance(by: .seconds(10 * 60))
            let used = try await client.execute(uri: "/data/JSESSION", method: .get, headers: cookie)
            #expect(used.status == .ok)
            #expect(used.cookie("SESSION_EXPIRATION_TIME") == "\"\(clock.now().millisecondsSince1970),900000\"")
            clock.advance(by: .seconds(10 * 60))
            #expect(try await client.execute(uri: "/data/auth", method: .get, headers: cookie).status == .ok)
            clock.advance(by: .seconds(15 * 60))
            let expired = try await client.execute(uri: "/data/auth", method: .get, headers: cookie)
            #expect(expired.status == .unauthorized)
            #expect(expired.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test(arguments: ["/data/services/auth", "/REST/services/auth"], [HTTPRequest.Method.put, .post])
    func theFormLoginAnswersTheSessionID(uri: String, method: HTTPRequest.Method) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: uri,
                method: method,
                headers: Self.formHeaders,
                body: ByteBuffer(string: "username=admin&password=admin-password")
            )
            #expect(response.status == .ok)
            #expect(response.text.count == 32)
            #expect(response.cookie("JSESSIONID") == response.text)
            #expect(response.cookie("SESSION_EXPIRATION_TIME") != nil)
            let check = try await client.execute(
                uri: "/data/auth",
                method: .get,
                headers: [.cookie: "JSESSIONID=\(response.text)"]
            )
            #expect(check.text == "User 'admin' is logged in")
        }
    }

    @Test(arguments: ["username=admin&password=wrong", "username=admin", ""])
    func aFailedFormLoginIsAPlainText401(body: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: "/data/services/auth",
                method: .put,
                headers: Self.formHeaders,
                body: ByteBuffer(string: body)
            )
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.text == "Login attempt failed. Please try again.")
            #expect(response.cookie("JSESSIONID") == nil)
        }
    }

    @Test func formValuesArePercentDecoded() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: "/data/services/auth",
                method: .put,
                headers: Self.formHeaders,
                body: ByteBuffer(string: "username=admin&password=admin%2Dpassword")
            )
            #expect(response.status == .ok)
        }
    }
}
