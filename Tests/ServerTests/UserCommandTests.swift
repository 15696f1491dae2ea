import ArgumentParser
import Foundation
import Synchronization
import TestSupport
import Testing
import XNATImport

@testable import Server

@Suite struct UserCommandTests {
    /// Collects the lines a command writes.
    private final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func addKeepsItsFlagsAndTakesNoPasswordArgument() throws {
        let command = try Sluice.parseAsRoot([
            "user", "add", "jane", "--admin", "--email", "jane@example.org", "--first-name", "Jane",
            "--last-name", "Doe", "--password-stdin", "--data-dir", "d",
        ])
        let add = try #require(command as? UserAddCommand)
        #expect(add.login == "jane" && add.admin && add.email == "jane@example.org")
        #expect(add.firstName == "Jane" && add.lastName == "Doe")
        #expect(add.password.passwordStdin && add.database.dataDir == "d")
        #expect(throws: (any Error).self) { try Sluice.parseAsRoot(["user", "add", "jane", "--password", "x"]) }
        for name in ["passwd", "disable", "enable", "list"] {
            let arguments = name == "list" ? ["user", name] : ["user", name, "jane"]
            #expect(throws: Never.self) { try Sluice.parseAsRoot(arguments) }
        }
    }

    @Test func thePasswordComesFromStandardInputOrTheEnvironment() throws {
        let fromInput = try #require(
            try Sluice.parseAsRoot(["user", "passwd", "jane", "--password-stdin"]) as? UserPasswordCommand
        )
        #expect(try fromInput.password.read(environment: [:], standardInput: { "typed\r" }) == "typed")
        #expect(throws: UserCommandError.self) { try fromInput.password.read(environment: [:], standardInput: { nil }) }
        let fromEnvironment = try PasswordOptions.parse([])
        #expect(
            try fromEnvironment.read(environment: ["SLUICE_USER_PASSWORD": "env"], standardInput: { "no" }) == "env"
        )
        #expect(throws: UserCommandError.self) { try fromEnvironment.read(environment: [:], standardInput: { "no" }) }
    }

    @Test func theDataDirectoryDefaultsAsForServe() throws {
        let options = try UserDatabaseOptions.parse([])
        #expect(options.dataDirectory(environment: [:]).path.hasSuffix("/sluice-data"))
        #expect(options.dataDirectory(environment: ["SLUICE_DATA_DIR": "/env/data"]).path == "/env/data")
        let flagged = try UserDatabaseOptions.parse(["--data-dir", "/flag/data"])
        #expect(flagged.dataDirectory(environment: ["SLUICE_DATA_DIR": "/env/data"]).path == "/flag/data")
    }

    @Test func addListDisableEnableAndPasswdWorkOnADataDirectory() async throws {
        try await withTemporaryDirectory { directory in
            let database = try UserDatabaseOptions.parse(["--data-dir", directory.path])
            let lines = Lines()
            try await database.withAdministration { (administration) async throws in
                var administration = administration
                administration.write = { lines.append($0) }
                try await administration.add(
                    UserRegistration(
                        login: "jane",
                        password: "first",
                        isAdministrator: true,
                        email: "jane@example.org",
                        firstName: "Jane"
                    )
                )
                await #expect(throws: AccountError.self) {
                    try await administration.add(UserRegistration(login: "jane", password: "again"))
                }
                try await administration.setEnabled(false, login: "jane")
                try await administration.list()
                try await administration.setEnabled(true, login: "jane")
                try await administration.changePassword(login: "jane", to: "second")
                #expect(try await administration.accounts.authenticate(login: "jane", password: "second") != nil)
                await #expect(throws: AccountError.self) { try await administration.setEnabled(true, login: "ghost") }
            }
            #expect(lines.all.first == "Created the user jane (administrator)")
            #expect(lines.all.contains("LOGIN\tROLE\tSTATUS\tEMAIL\tNAME\tLAST_LOGIN"))
            #expect(lines.all.contains("jane\tadmin\tdisabled\tjane@example.org\tJane\tnever"))
            #expect(lines.all.last == "Changed the password of jane")
            // A parsed command on the same folder sees the account.
            let disable = try #require(
                try Sluice.parseAsRoot(["user", "disable", "jane", "--data-dir", directory.path]) as? UserDisableCommand
            )
            try await disable.run()
            try await database.withAdministration { (administration) async throws in
                let profile = try await administration.accounts.userProfile(login: "jane")
                #expect(!profile.isEnabled)
            }
        }
    }
}
