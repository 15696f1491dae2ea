import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// Lockout after failed logins and expired sessions over HTTP (issue 8).
@Suite struct AccountLockoutTests {
    private static let locked = "Login attempt failed: too many failed logins, the account is locked for a while"

    @Test func wrongPasswordsLockBasicAndFormLoginsUntilTheLockoutEnds() async throws {
        let clock = ManualClock()
        try await withLockoutTestRouter(clock: clock) { (client) async throws in
            let wrong = TestAccounts.basic("user", "wrong")
            let first = try await client.execute(uri: "/data/auth", method: .get, headers: wrong)
            #expect(first.status == .unauthorized && first.text == "Login attempt failed. Please try again.")
            #expect(try await client.formLogin("user", "wrong").status == .unauthorized)
            let third = try await client.execute(uri: "/data/auth", method: .get, headers: wrong)
            #expect(third.status == .unauthorized && third.text == Self.locked)
            #expect(third.headers[.wwwAuthenticate] == #"Basic realm="XNAT""#)
            let right = try await client.execute(uri: "/data/auth", method: .get, headers: TestAccounts.userHeaders)
            #expect(right.status == .unauthorized && right.text == Self.locked)
            let form = try await client.formLogin("user", TestAccounts.user.password)
            #expect(form.status == .unauthorized && form.text == Self.locked)
            // Others are not affected.
            #expect(
                try await client.execute(uri: "/data/auth", method: .get, headers: TestAccounts.administratorHeaders)
                    .status == .ok
            )
            clock.advance(by: .seconds(60))
            #expect(
                try await client.execute(uri: "/data/auth", method: .get, headers: TestAccounts.userHeaders).status
                    == .ok
            )
        }
    }

    @Test func unknownLoginsGetTheSameAnswers() async throws {
        try await withLockoutTestRouter(clock: ManualClock()) { (client) async throws in
            var texts: [String] = []
            for _ in 1...4 {
                let response = try await client.execute(
                    uri: "/data/auth",
                    method: .get,
                    headers: TestAccounts.basic("ghost", "x")
                )
                #expect(response.status == .unauthorized)
                texts.append(response.text)
            }
            #expect(
                texts == [
                    "Login attempt failed. Please try again.", "Login attempt failed. Please try again.", Self.locked,
                    Self.locked,
                ]
            )
        }
    }

    @Test func anAdministratorEnablingTheAccountLiftsTheLock() async throws {
        try await withLockoutTestRouter(clock: ManualClock(), maximumFailedLogins: 1) { (client) async throws in
            _ = try await client.execute(uri: "/data/auth", method: .get, headers: TestAccounts.basic("user", "wrong"))
            #expect(
                try await client.execute(uri: "/data/auth", method: .get, headers: TestAccounts.userHeaders).status
                    == .unauthorized
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

    @Test func anExpiredSessionCookieWithoutCredentialsIs401() async throws {
        let clock = ManualClock()
        try await withLockoutTestRouter(clock: clock) { (client) async throws in
            let login = try await client.formLogin("user", TestAccounts.user.password)
            let session = try #require(login.cookie("JSESSIONID"))
            #expect(login.cookie("SESSION_EXPIRATION_TIME") != nil)
            clock.advance(by: .seconds(15 * 60))
            let expired = try await client.execute(
                uri: "/data/auth",
                method: .get,
                headers: [.cookie: "JSESSIONID=\(session)"]
            )
            #expect(expired.status == .unauthorized)
            #expect(expired.text == "The request requires user authentication")
        }
    }
}
