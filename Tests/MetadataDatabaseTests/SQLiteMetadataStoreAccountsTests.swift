import Foundation
import MetadataDatabase
import Testing
import XNATImport

@Suite struct SQLiteMetadataStoreAccountsTests {
    private let admin = UserAccount(user: User(login: "admin", isAdministrator: true), passwordHash: "$2b$04$hash")
    private let start = Date(millisecondsSince1970: 1_700_000_000_123)

    private func session(_ id: String, user: User, expiresAfter seconds: Int64) -> LoginSession {
        LoginSession(id: id, user: user, createdAt: start, expiresAt: start.adding(.seconds(seconds)))
    }

    @Test func accountsAreStoredOncePerLogin() async throws {
        try await withTemporaryStore { (store) async throws in
            #expect(try await store.insertUserAccount(admin))
            var other = admin
            other.passwordHash = "$2b$04$other"
            #expect(try await !store.insertUserAccount(other))
            #expect(try await store.userAccount(login: "admin") == admin)
            #expect(try await store.userAccount(login: "ADMIN") == nil)
        }
    }

    @Test func sessionsRoundTripWithTheirUserToTheMillisecond() async throws {
        try await withTemporaryStore { (store) async throws in
            _ = try await store.insertUserAccount(admin)
            let stored = session("S1", user: admin.user, expiresAfter: 900)
            try await store.insertLoginSession(stored)
            #expect(try await store.loginSession(id: "S1") == stored)
            #expect(try await store.loginSession(id: "S2") == nil)
        }
    }

    @Test func sessionsAreExtendedAndDeleted() async throws {
        try await withTemporaryStore { (store) async throws in
            _ = try await store.insertUserAccount(admin)
            try await store.insertLoginSession(session("S1", user: admin.user, expiresAfter: 900))
            let later = start.adding(.seconds(1800))
            try await store.extendLoginSession(id: "S1", until: later)
            #expect(try await store.loginSession(id: "S1")?.expiresAt == later)
            try await store.deleteLoginSession(id: "S1")
            #expect(try await store.loginSession(id: "S1") == nil)
        }
    }

    @Test func expiredSessionsArePurgedAndLiveOnesKept() async throws {
        try await withTemporaryStore { (store) async throws in
            _ = try await store.insertUserAccount(admin)
            try await store.insertLoginSession(session("OLD", user: admin.user, expiresAfter: 60))
            try await store.insertLoginSession(session("NEW", user: admin.user, expiresAfter: 900))
            try await store.deleteLoginSessions(expiredBy: start.adding(.seconds(60)))
            #expect(try await store.loginSession(id: "OLD") == nil)
            #expect(try await store.loginSession(id: "NEW") != nil)
        }
    }

    @Test func aSessionNeedsAnExistingUser() async throws {
        try await withTemporaryStore { (store) async throws in
            let orphan = session("S1", user: User(login: "ghost", isAdministrator: false), expiresAfter: 900)
            await #expect(throws: (any Error).self) { try await store.insertLoginSession(orphan) }
        }
    }
}
