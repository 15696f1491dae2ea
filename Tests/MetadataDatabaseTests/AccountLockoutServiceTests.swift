import Foundation
import MetadataDatabase
import Testing
import XNATImport

/// Lockout and disabled accounts in `AccountService` on a real SQLite store.
@Suite struct AccountLockoutServiceTests {
    private func accounts(_ store: SQLiteMetadataStore, clock: TestClock, maximum: Int = 3) -> AccountService {
        AccountService(
            store: store,
            configuration: AccountsConfiguration(
                passwordHashCost: 4,
                maximumFailedLogins: maximum,
                lockoutDuration: .seconds(60)
            ),
            currentDate: { clock.now() }
        )
    }

    private func expectLocked(_ service: AccountService, _ login: String, _ password: String) async {
        let error = await #expect(throws: AccountError.self) {
            try await service.authenticate(login: login, password: password)
        }
        #expect(error?.kind == .accountLocked)
    }

    @Test func repeatedFailuresLockUntilTheLockoutEnds() async throws {
        try await withTemporaryStore { (store) async throws in
            let clock = TestClock()
            let service = accounts(store, clock: clock)
            try await service.createUser(UserRegistration(login: "jane", password: "right"))
            #expect(try await service.authenticate(login: "jane", password: "wrong") == nil)
            #expect(try await service.authenticate(login: "jane", password: "wrong") == nil)
            await expectLocked(service, "jane", "wrong")
            await expectLocked(service, "jane", "right")
            clock.advance(seconds: 60)
            #expect(try await service.authenticate(login: "jane", password: "right")?.login == "jane")
            let profile = try await service.userProfile(login: "jane")
            #expect(profile.lastSuccessfulLogin == clock.now() && profile.lockedUntil == nil)
        }
    }

    @Test func aSuccessResetsTheCount() async throws {
        try await withTemporaryStore { (store) async throws in
            let service = accounts(store, clock: TestClock())
            try await service.createUser(UserRegistration(login: "jane", password: "right"))
            for _ in 1...2 {
                #expect(try await service.authenticate(login: "jane", password: "wrong") == nil)
                #expect(try await service.authenticate(login: "jane", password: "right") != nil)
            }
            #expect(try await service.userProfile(login: "jane").failedLoginCount == 0)
        }
    }

    @Test func unknownLoginsLockLikeRealOnes() async throws {
        try await withTemporaryStore { (store) async throws in
            let clock = TestClock()
            let service = accounts(store, clock: clock)
            #expect(try await service.authenticate(login: "ghost", password: "x") == nil)
            #expect(try await service.authenticate(login: "ghost", password: "x") == nil)
            await expectLocked(service, "ghost", "x")
            await expectLocked(service, "ghost", "x")
            clock.advance(seconds: 60)
            #expect(try await service.authenticate(login: "ghost", password: "x") == nil)
        }
    }

    @Test func aDisabledAccountIsNamedOnlyForItsRightPassword() async throws {
        try await withTemporaryStore { (store) async throws in
            let service = accounts(store, clock: TestClock())
            try await service.createUser(UserRegistration(login: "jane", password: "right", isEnabled: false))
            #expect(try await service.authenticate(login: "jane", password: "wrong") == nil)
            let error = await #expect(throws: AccountError.self) {
                try await service.authenticate(login: "jane", password: "right")
            }
            #expect(error == .accountDisabled)
            try await service.setEnabled(true, login: "jane")
            #expect(try await service.authenticate(login: "jane", password: "right") != nil)
        }
    }

    @Test func disablingEndsSessionsRemovesTokensAndEnablingLiftsALock() async throws {
        try await withTemporaryStore { (store) async throws in
            let service = accounts(store, clock: TestClock(), maximum: 1)
            let jane = try await service.createUser(UserRegistration(login: "jane", password: "right")).user
            let session = try await service.startSession(for: jane)
            let token = try await service.issueAliasToken(by: jane)
            try await service.setEnabled(false, login: "jane")
            #expect(try await service.resumeSession(id: session.id) == nil)
            #expect(try await service.authenticate(alias: token.token.alias, secret: token.secret) == nil)
            try await service.setEnabled(true, login: "jane")
            await expectLocked(service, "jane", "wrong")
            try await service.setEnabled(true, login: "jane")
            #expect(try await service.authenticate(login: "jane", password: "right") != nil)
        }
    }

    @Test func aDisabledUsersTokenIsRefusedAsDisabled() async throws {
        try await withTemporaryStore { (store) async throws in
            let service = accounts(store, clock: TestClock())
            let jane = try await service.createUser(UserRegistration(login: "jane", password: "right"))
            let token = try await service.issueAliasToken(by: jane.user)
            var disabled = jane
            disabled.isEnabled = false
            // Straight in the store, as if disabled between the token check and the session start.
            _ = try await store.updateUserProfile(disabled)
            let error = await #expect(throws: AccountError.self) {
                try await service.authenticate(alias: token.token.alias, secret: token.secret)
            }
            #expect(error == .accountDisabled)
        }
    }
}
