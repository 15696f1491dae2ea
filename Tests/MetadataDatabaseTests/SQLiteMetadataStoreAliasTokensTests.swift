import Foundation
import MetadataDatabase
import Testing
import XNATImport

@Suite struct SQLiteMetadataStoreAliasTokensTests {
    private let admin = UserAccount(user: User(login: "admin", isAdministrator: true), passwordHash: "$2b$04$hash")
    private let start = Date(millisecondsSince1970: 1_700_000_000_123)

    private func token(_ alias: String, expiresAfter seconds: Int64) -> AliasToken {
        AliasToken(
            alias: alias,
            user: admin.user,
            secretHash: AliasToken.hash(secret: "secret-\(alias)"),
            createdAt: start,
            expiresAt: start.adding(.seconds(seconds))
        )
    }

    @Test func tokensRoundTripWithTheirUserToTheMillisecond() async throws {
        try await withTemporaryStore { (store) async throws in
            _ = try await store.insertUserAccount(admin)
            let stored = token("4a0177cf-e7e4-44da-8140-6b270ec5000f", expiresAfter: 172_800)
            try await store.insertAliasToken(stored)
            #expect(try await store.aliasToken(alias: stored.alias) == stored)
            #expect(try await store.aliasToken(alias: "00000000-0000-0000-0000-000000000000") == nil)
        }
    }

    @Test func tokensAreDeletedOneByOneOrWhenExpired() async throws {
        try await withTemporaryStore { (store) async throws in
            _ = try await store.insertUserAccount(admin)
            try await store.insertAliasToken(token("short", expiresAfter: 60))
            try await store.insertAliasToken(token("long", expiresAfter: 3600))
            try await store.insertAliasToken(token("other", expiresAfter: 3600))
            try await store.deleteAliasTokens(expiredBy: start.adding(.seconds(60)))
            #expect(try await store.aliasToken(alias: "short") == nil)
            #expect(try await store.aliasToken(alias: "long") != nil)
            #expect(try await store.deleteAliasToken(alias: "long"))
            #expect(try await !store.deleteAliasToken(alias: "long"))
            #expect(try await store.aliasToken(alias: "other") != nil)
        }
    }

    @Test func aTokenNeedsAnExistingUserAndANewAlias() async throws {
        try await withTemporaryStore { (store) async throws in
            await #expect(throws: (any Error).self) {
                try await store.insertAliasToken(token("orphan", expiresAfter: 60))
            }
            _ = try await store.insertUserAccount(admin)
            try await store.insertAliasToken(token("twice", expiresAfter: 60))
            await #expect(throws: (any Error).self) {
                try await store.insertAliasToken(token("twice", expiresAfter: 60))
            }
        }
    }
}
