import ArgumentParser
import Foundation
import Logging
import MetadataDatabase
import XNATImport

/// `--data-dir` of the `sluice user` commands, with the same default as `sluice serve`: `SLUICE_DATA_DIR`, else
/// `./sluice-data`.
struct UserDatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Data directory [env: SLUICE_DATA_DIR] (default: ./sluice-data).", valueName: "path"))
    var dataDir: String?

    /// The data directory the flag, the environment or the default names.
    func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let variable = environment[ServerConfiguration.EnvironmentVariable.dataDirectory].flatMap {
            $0.isEmpty ? nil : $0
        }
        let path = dataDir ?? variable ?? ServerConfiguration.defaultDataDirectory
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Opens the data directory's database (creating and migrating it if needed), runs `body` with the accounts
    /// on it, printing to standard output, and closes it.
    func withAdministration(_ body: (UserAdministration) async throws -> Void) async throws {
        // Warnings and errors only, on standard error; the commands print their results on standard output.
        var logger = Logger(label: "sluice") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .warning
        let storage = StorageConfiguration(dataDirectory: dataDirectory())
        let database = DatabaseConfiguration(path: storage.layout.metadataDatabase)
        try await SQLiteMetadataStore.withStore(configuration: database, logger: logger) { store in
            let accounts = AccountService(store: store, configuration: AccountsConfiguration())
            try await body(UserAdministration(accounts: accounts, write: { print($0) }))
        }
    }
}

/// Where `sluice user add` and `passwd` take the password from: standard input with `--password-stdin`, else the
/// `SLUICE_USER_PASSWORD` environment variable. Never an argument, which `ps` would show.
struct PasswordOptions: ParsableArguments {
    /// The variable read without `--password-stdin`.
    static let environmentVariable = "SLUICE_USER_PASSWORD"

    @Flag(help: "Read the password from the first line of standard input (else from SLUICE_USER_PASSWORD).")
    var passwordStdin = false

    /// The password; throws ``UserCommandError`` if there is none or it is empty.
    func read(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        standardInput: () -> String? = { readLine(strippingNewline: true) }
    ) throws -> String {
        let password = passwordStdin ? standardInput() : environment[Self.environmentVariable]
        guard var password, !password.isEmpty else {
            throw UserCommandError(
                passwordStdin
                    ? "no password on standard input"
                    : "no password: pass it on standard input with --password-stdin or set \(Self.environmentVariable)"
            )
        }
        if password.hasSuffix("\r") {
            password.removeLast()
        }
        return password
    }
}

/// A `sluice user` failure; ArgumentParser prints the message after `Error:` and exits with status 1.
struct UserCommandError: Error, CustomStringConvertible {
    /// The message.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
