import ArgumentParser

/// `sluice user disable LOGIN`: disables an account, ends its sessions and removes its alias tokens.
struct UserDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable a user account (its sessions end and its alias tokens are removed)."
    )

    @Argument(help: "The login.")
    var login: String

    @OptionGroup var database: UserDatabaseOptions

    func run() async throws {
        try await database.withAdministration { try await $0.setEnabled(false, login: login) }
    }
}

/// `sluice user enable LOGIN`: enables an account again and lifts a lockout.
struct UserEnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Enable a user account (also lifts a lockout after failed logins)."
    )

    @Argument(help: "The login.")
    var login: String

    @OptionGroup var database: UserDatabaseOptions

    func run() async throws {
        try await database.withAdministration { try await $0.setEnabled(true, login: login) }
    }
}

/// `sluice user list`: one line per account.
struct UserListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the user accounts.")

    @OptionGroup var database: UserDatabaseOptions

    func run() async throws {
        try await database.withAdministration { try await $0.list() }
    }
}
