import Foundation
import MetadataDatabase
import Testing
import XNATImport

@Suite struct SQLiteMetadataStoreUserProfilesTests {
    private let start = Date(millisecondsSince1970: 1_700_000_000_123)
    private let jane = UserProfile(
        user: User(login: "jane", isAdministrator: false),
        email: "jane@example.org",
        firstName: "Jane",
        lastName: "Doe"
    )

    @Test func accountsFromBeforeMigration12GetAnEnabledEmptyProfile() async throws {
        try await withTemporaryStore { (store) async throws in
            #expect(try await store.schemaVersion() >= 12)
            let account = UserAccount(user: User(login: "old", isAdministrator: true), passwordHash: "$2b$04$hash")
            _ = try await store.insertUserAccount(account)
            #expect(try await store.userProfile(login: "old") == UserProfile(user: account.user))
            #expect(try await store.userProfile(login: "nobody") == nil)
        }
    }

    @Test func profilesRoundTripAndUpdate() async throws {
        try await withTemporaryStore { (store) async throws in
            #expect(try await store.insertUserProfile(jane, passwordHash: "$2b$04$hash"))
            #expect(try await !store.insertUserProfile(jane, passwordHash: "$2b$04$other"))
            #expect(try await store.userProfile(login: "jane") == jane)
            #expect(try await store.userAccount(login: "jane")?.passwordHash == "$2b$04$hash")
            var changed = jane
            changed.email = "j.doe@example.org"
            changed.isEnabled = false
            #expect(try await store.updateUserProfile(changed))
            #expect(try await store.userProfiles() == [changed])
            #expect(try await store.setPasswordHash("$2b$04$new", login: "jane"))
            #expect(try await store.userAccount(login: "jane")?.passwordHash == "$2b$04$new")
            var missing = jane
            missing.user.login = "nobody"
            #expect(try await !store.updateUserProfile(missing))
            #expect(try await !store.setPasswordHash("x", login: "nobody"))
        }
    }

    @Test func theMaximumthFailureLocksAndStartsTheCountAgain() async throws {
        try await withTemporaryStore { (store) async throws in
            _ = try await store.insertUserProfile(jane, passwordHash: "$2b$04$hash")
            let until = start.adding(.seconds(900))
            for count in 1...2 {
                let after = try await store.recordFailedLogin(login: "jane", maximumFailures: 3, lockedUntil: until)
                #expect(after?.failedLoginCount == count)
                #expect(after?.lockedUntil == nil)
            }
            let locked = try #require(
                try await store.recordFailedLogin(login: "jane", maximumFailures: 3, lockedUntil: until)
            )
            #expect(locked.failedLoginCount == 0)
            #expect(locked.lockedUntil == until)
            #expect(locked.isLocked(at: start) && !locked.isLocked(at: until))
            try await store.recordSuccessfulLogin(login: "jane", at: start)
            let cleared = try #require(try await store.userProfile(login: "jane"))
            #expect(cleared.lockedUntil == nil && cleared.failedLoginCount == 0)
            #expect(cleared.lastSuccessfulLogin == start)
            #expect(try await store.recordFailedLogin(login: "nobody", maximumFailures: 3, lockedUntil: until) == nil)
        }
    }

    @Test func zeroMaximumNeverLocks() async throws {
        try await withTemporaryStore { (store) async throws in
            _ = try await store.insertUserProfile(jane, passwordHash: "$2b$04$hash")
            for _ in 1...5 {
                _ = try await store.recordFailedLogin(login: "jane", maximumFailures: 0, lockedUntil: start)
            }
            let profile = try #require(try await store.userProfile(login: "jane"))
            #expect(profile.failedLoginCount == 5 && profile.lockedUntil == nil)
            try await store.clearFailedLogins(login: "jane")
            #expect(try await store.userProfile(login: "jane")?.failedLoginCount == 0)
        }
    }

    @Test func sessionsAndTokensAreListedAndRemovedPerUser() async throws {
        try await withTemporaryStore { (store) async throws in
            _ = try await store.insertUserProfile(jane, passwordHash: "$2b$04$hash")
            let other = UserProfile(user: User(login: "other", isAdministrator: false))
            _ = try await store.insertUserProfile(other, passwordHash: "$2b$04$hash")
            for (alias, user, offset) in [("b", jane.user, 1), ("a", jane.user, 2), ("c", other.user, 0)] {
                let created = start.adding(.seconds(offset))
                try await store.insertAliasToken(
                    AliasToken(alias: alias, user: user, secretHash: "h", createdAt: created, expiresAt: created)
                )
                try await store.insertLoginSession(
                    LoginSession(id: alias, user: user, createdAt: created, expiresAt: created.adding(.seconds(60)))
                )
            }
            #expect(try await store.aliasTokens(login: "jane").map(\.alias) == ["b", "a"])
            try await store.deleteAliasTokens(login: "jane")
            try await store.deleteLoginSessions(login: "jane")
            #expect(try await store.aliasTokens(login: "jane").isEmpty)
            #expect(try await store.loginSession(id: "a") == nil)
            #expect(try await store.aliasTokens(login: "other").map(\.alias) == ["c"])
            #expect(try await store.loginSession(id: "c") != nil)
        }
    }
}
