import Foundation
import Logging
import MetadataDatabase
import Synchronization
import TestSupport
import Testing
import XNATImport

@testable import Server

@Suite struct AdministratorAccountSetupTests {
    /// Collects the lines the setup writes to standard error.
    private final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    private func withStore(_ body: (SQLiteMetadataStore) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let configuration = DatabaseConfiguration(path: directory.appendingPathComponent("sluice.sqlite"))
            try await SQLiteMetadataStore.withStore(configuration: configuration, logger: Logger(label: "test"), body)
        }
    }

    private func accounts(_ store: SQLiteMetadataStore, password: String?) -> AccountService {
        AccountService(
            store: store,
            configuration: AccountsConfiguration(initialAdministratorPassword: password, passwordHashCost: 4)
        )
    }

    @Test func aGeneratedPasswordIsAnnouncedOnceAndWorks() async throws {
        try await withStore { store in
            let output = Lines()
            let setup = AdministratorAccountSetup(accounts: accounts(store, password: nil), announce: output.append)
            try await setup.run(logger: Logger(label: "test"))
            try await setup.run(logger: Logger(label: "test"))
            #expect(output.all.count == 1)
            let line = try #require(output.all.first)
            let password = try #require(line.firstMatch(of: #/the password (\S+) /#)?.output.1)
            #expect(
                try await accounts(store, password: nil).authenticate(login: "admin", password: String(password)) != nil
            )
        }
    }

    @Test func aConfiguredPasswordIsNeverPrinted() async throws {
        try await withStore { store in
            let output = Lines()
            let setup = AdministratorAccountSetup(
                accounts: accounts(store, password: "chosen"),
                announce: output.append
            )
            try await setup.run(logger: Logger(label: "test"))
            #expect(output.all.isEmpty)
            #expect(try await accounts(store, password: nil).authenticate(login: "admin", password: "chosen") != nil)
        }
    }
}
