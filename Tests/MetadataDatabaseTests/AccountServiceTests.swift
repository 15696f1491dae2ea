import Foundation
import MetadataDatabase
import Testing
import XNATImport

/// `AccountService` on a real SQLite store (the domain's tests live beside the store they need).
@Suite struct AccountServiceTests {
    private func accounts(
        _ store: SQLiteMetadataStore,
        password: String? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> AccountService {
        AccountService(
            store: store,
            configuration: AccountsConfiguration(initialAdministratorPassword: password, passwordHashCost: 4),
            currentDate: now
        )
    }

    @Test func theConfiguredAdministratorPasswordIsUsedOnce() async throws {
        try await withTemporaryStore { (store) async throws in
            let service = accounts(store, password: "first")
            #expect(try await service.ensureAdministrator() == .created)
            #expect(try await service.authenticate(login: "admin", password: "first")?.isAdministrator == true)
            let restarted = accounts(store, password: "second")
            #expect(try await restarted.ensureAdministrator() == .existing)
            #expect(try await restarted.authenticate(login: "admin", password: "second") == nil)
        }
    }

    @Test func withoutAPasswordOneIsGeneratedAndWorks() async throws {
        try await withTemporaryStore { (store) async throws in
            let service = accounts(store)
            guard case .createdWithGeneratedPassword(let password) = try await service.ensureAdministrator() else {
                Issue.record("expected a generated password")
                return
            }
            #expect(password.count == AccountService.generatedPasswordLength)
            #expect(try await service.authenticate(login: "admin", password: password)?.login == "admin")
        }
    }

    @Test func passwordsAreStoredAsBcryptHashes() async throws {
        try await withTemporaryStore { (store) async throws in
            try await accounts(store).createUser(login: "user", password: "secret", isAdministrator: false)
            let stored = try #require(try await store.userAccount(login: "user"))
            #expect(stored.passwordHash.hasPrefix("$2b$04$"))
            #expect(!stored.passwordHash.contains("secret"))
        }
    }

    @Test(arguments: ["", "with space", "co:lon", "tab\there", String(repeating: "a", count: 256)])
    func invalidLoginsAreRefused(login: String) async throws {
        try await withTemporaryStore { (store) async throws in
            let error = await #expect(throws: AccountError.self) {
                try await accounts(store).createUser(login: login, password: "pw", isAdministrator: false)
            }
            #expect(error?.kind == .invalidLogin)
        }
    }

    @Test func aTakenLoginOrAnEmptyPasswordIsRefused() async throws {
        try await withTemporaryStore { (store) async throws in
            let service = accounts(store)
            try await service.createUser(login: "user", password: "pw", isAdministrator: false)
            let taken = await #expect(throws: AccountError.self) {
                try await service.createUser(login: "user", password: "other", isAdministrator: true)
            }
            #expect(taken?.kind == .loginTaken)
            let empty = await #expect(throws: AccountError.self) {
                try await service.createUser(login: "other", password: "", isAdministrator: false)
            }
            #expect(empty?.kind == .invalidPassword)
        }
    }

    @Test func sessionsAreWrittenBackAtMostOnceAMinute() async throws {
        try await withTemporaryStore { (store) async throws in
            let clock = TestClock()
            let service = accounts(store, now: { clock.now() })
            let user = try await service.createUser(login: "user", password: "pw", isAdministrator: false)
            let session = try await service.startSession(for: user)
            #expect(session.id.count == 32)
            clock.advance(seconds: 30)
            #expect(try await service.resumeSession(id: session.id)?.expiresAt == session.expiresAt)
            clock.advance(seconds: 60)
            let renewed = try #require(try await service.resumeSession(id: session.id))
            #expect(renewed.expiresAt == clock.now().adding(.seconds(900)))
            #expect(try await store.loginSession(id: session.id)?.expiresAt == renewed.expiresAt)
            clock.advance(seconds: 900)
            #expect(try await service.resumeSession(id: session.id) == nil)
            #expect(try await store.loginSession(id: session.id) == nil)
        }
    }
}
