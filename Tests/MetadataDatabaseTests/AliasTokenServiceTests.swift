import Foundation
import MetadataDatabase
import Testing
import XNATImport

/// `AccountService`'s alias tokens on a real SQLite store.
@Suite struct AliasTokenServiceTests {
    private func accounts(_ store: SQLiteMetadataStore, clock: TestClock) async throws -> (AccountService, User, User) {
        let service = AccountService(
            store: store,
            configuration: AccountsConfiguration(passwordHashCost: 4),
            currentDate: { clock.now() }
        )
        let admin = try await service.createUser(login: "admin", password: "pw", isAdministrator: true)
        let user = try await service.createUser(login: "user", password: "pw", isAdministrator: false)
        return (service, admin, user)
    }

    @Test func anIssuedTokenLogsInUntilItExpiresAfter48Hours() async throws {
        try await withTemporaryStore { (store) async throws in
            let clock = TestClock()
            let (service, _, user) = try await accounts(store, clock: clock)
            let issued = try await service.issueAliasToken(by: user)
            #expect(AliasToken.isAliasFormat(issued.token.alias))
            #expect(issued.token.alias == issued.token.alias.lowercased())
            #expect(issued.secret.count == 64)
            #expect(issued.token.user == user)
            #expect(issued.token.expiresAt == clock.now().adding(.seconds(48 * 3600)))
            #expect(try await service.authenticate(alias: issued.token.alias, secret: issued.secret) == user)
            #expect(try await service.authenticate(alias: issued.token.alias, secret: "wrong") == nil)
            clock.advance(seconds: 48 * 3600)
            #expect(try await service.authenticate(alias: issued.token.alias, secret: issued.secret) == nil)
            #expect(try await store.aliasToken(alias: issued.token.alias) == nil)
        }
    }

    @Test func onlyTheSecretsHashIsStored() async throws {
        try await withTemporaryStore { (store) async throws in
            let (service, admin, _) = try await accounts(store, clock: TestClock())
            let issued = try await service.issueAliasToken(by: admin)
            let stored = try #require(try await store.aliasToken(alias: issued.token.alias))
            #expect(stored.secretHash == AliasToken.hash(secret: issued.secret))
            #expect(stored.secretHash != issued.secret)
            #expect(stored.secretHash.count == 64)
        }
    }

    @Test func onlyAdministratorsIssueTokensForOthers() async throws {
        try await withTemporaryStore { (store) async throws in
            let (service, admin, user) = try await accounts(store, clock: TestClock())
            #expect(try await service.issueAliasToken(forLogin: "user", by: admin).token.user == user)
            #expect(try await service.issueAliasToken(forLogin: "user", by: user).token.user == user)
            let refused = await #expect(throws: AccountError.self) {
                try await service.issueAliasToken(forLogin: "admin", by: user)
            }
            #expect(refused?.kind == .notPermitted)
            let unknown = await #expect(throws: AccountError.self) {
                try await service.issueAliasToken(forLogin: "nobody", by: admin)
            }
            #expect(unknown?.kind == .notFound)
        }
    }

    @Test func validateAndInvalidateFollowXNATsRules() async throws {
        try await withTemporaryStore { (store) async throws in
            let (service, admin, user) = try await accounts(store, clock: TestClock())
            let issued = try await service.issueAliasToken(by: admin)
            let alias = issued.token.alias
            #expect(try await service.validateAliasToken(alias: alias, secret: issued.secret, by: admin) == admin)
            #expect(try await service.validateAliasToken(alias: alias, secret: "wrong", by: admin) == nil)
            let foreign = await #expect(throws: AccountError.self) {
                try await service.validateAliasToken(alias: alias, secret: issued.secret, by: user)
            }
            #expect(foreign?.kind == .notPermitted)
            let notYours = await #expect(throws: AccountError.self) {
                try await service.invalidateAliasToken(alias: alias, by: user)
            }
            #expect(notYours?.kind == .notPermitted)
            try await service.invalidateAliasToken(alias: alias, by: admin)
            #expect(try await service.authenticate(alias: alias, secret: issued.secret) == nil)
            let gone = await #expect(throws: AccountError.self) {
                try await service.invalidateAliasToken(alias: alias, by: admin)
            }
            #expect(gone?.kind == .notFound)
        }
    }

    @Test func issuingRemovesExpiredTokens() async throws {
        try await withTemporaryStore { (store) async throws in
            let clock = TestClock()
            let (service, admin, _) = try await accounts(store, clock: clock)
            let old = try await service.issueAliasToken(by: admin)
            clock.advance(seconds: 48 * 3600 + 1)
            _ = try await service.issueAliasToken(by: admin)
            #expect(try await store.aliasToken(alias: old.token.alias) == nil)
        }
    }
}
