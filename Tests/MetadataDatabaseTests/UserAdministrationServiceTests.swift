import Foundation
import MetadataDatabase
import Testing
import XNATImport

/// The `/xapi/users` rules of `AccountService` on a real SQLite store.
@Suite struct UserAdministrationServiceTests {
    private let admin = User(login: "admin", isAdministrator: true)
    private let jane = User(login: "jane", isAdministrator: false)

    private func withAccounts(_ body: (AccountService) async throws -> Void) async throws {
        try await withTemporaryStore { (store) async throws in
            let service = AccountService(store: store, configuration: AccountsConfiguration(passwordHashCost: 4))
            try await service.createUser(UserRegistration(login: "admin", password: "pw", isAdministrator: true))
            try await service.createUser(UserRegistration(login: "jane", password: "pw", email: "jane@example.org"))
            try await body(service)
        }
    }

    @Test func administratorsListAndCreateOthersMayNot() async throws {
        try await withAccounts { (service) async throws in
            #expect(try await service.userLogins(by: admin) == ["admin", "jane"])
            for attempt in [
                { _ = try await service.userLogins(by: jane) },
                { _ = try await service.userProfiles(by: jane) },
                { _ = try await service.createUser(UserRegistration(login: "x", password: "pw"), by: jane) },
                { _ = try await service.setEnabled(false, login: "admin", by: jane) },
            ] as [() async throws -> Void] {
                let error = await #expect(throws: AccountError.self) { try await attempt() }
                #expect(error?.kind == .notPermitted)
            }
            let created = try await service.createUser(
                UserRegistration(login: "bob", password: "pw", firstName: "Bob"),
                by: admin
            )
            #expect(created.firstName == "Bob" && created.isEnabled)
        }
    }

    @Test func usersReadTheirOwnProfileOnly() async throws {
        try await withAccounts { (service) async throws in
            #expect(try await service.userProfile(login: "jane", by: jane).email == "jane@example.org")
            let other = await #expect(throws: AccountError.self) {
                try await service.userProfile(login: "ghost", by: jane)
            }
            #expect(other?.kind == .notPermitted)
            let missing = await #expect(throws: AccountError.self) {
                try await service.userProfile(login: "ghost", by: admin)
            }
            #expect(missing?.kind == .notFound)
        }
    }

    @Test func updatesChangeOnlyTheGivenFieldsAndThePassword() async throws {
        try await withAccounts { (service) async throws in
            let changed = try await service.updateUser(
                login: "jane",
                changes: UserProfileChanges(lastName: "Doe", password: "new"),
                by: admin
            )
            #expect(changed.email == "jane@example.org" && changed.lastName == "Doe")
            #expect(try await service.authenticate(login: "jane", password: "new") != nil)
            #expect(try await service.authenticate(login: "jane", password: "pw") == nil)
            let empty = await #expect(throws: AccountError.self) {
                try await service.changePassword(login: "jane", to: "")
            }
            #expect(empty?.kind == .invalidPassword)
        }
    }

    @Test func tokensAreListedForTheirOwnerOrAnAdministrator() async throws {
        try await withAccounts { (service) async throws in
            let issued = try await service.issueAliasToken(by: jane)
            #expect(try await service.aliasTokens(by: jane).map(\.alias) == [issued.token.alias])
            #expect(try await service.aliasTokens(forLogin: "jane", by: admin).map(\.alias) == [issued.token.alias])
            #expect(try await service.aliasTokens(by: admin).isEmpty)
            let refused = await #expect(throws: AccountError.self) {
                try await service.aliasTokens(forLogin: "admin", by: jane)
            }
            #expect(refused?.kind == .notPermitted)
            let missing = await #expect(throws: AccountError.self) {
                try await service.aliasTokens(forLogin: "ghost", by: admin)
            }
            #expect(missing?.kind == .notFound)
        }
    }
}
