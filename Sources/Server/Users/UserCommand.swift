import ArgumentParser
import XNATImport

/// `sluice user`: manages accounts in the data directory's database. It works whether `sluice serve` is running
/// or not (the database is in WAL mode, and changes reach a running server at once).
struct UserCommand: AsyncParsableCommand {
    // swift-format-ignore
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage user accounts.",
        discussion: "Passwords come from standard input (--password-stdin) or the SLUICE_USER_PASSWORD "
            + "environment variable, never from an argument.",
        subcommands: [
            UserAddCommand.self,
            UserPasswordCommand.self,
            UserDisableCommand.self,
            UserEnableCommand.self,
            UserListCommand.self,
        ]
    )
}

/// `sluice user add LOGIN`: creates an account.
struct UserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a user account.")

    @Argument(help: "The new login.")
    var login: String

    @Flag(help: "Make the user a site administrator.")
    var admin = false

    @Option(help: ArgumentHelp("E-mail address.", valueName: "address"))
    var email: String = ""

    @Option(help: ArgumentHelp("First name.", valueName: "name"))
    var firstName: String = ""

    @Option(help: ArgumentHelp("Last name.", valueName: "name"))
    var lastName: String = ""

    @OptionGroup var password: PasswordOptions
    @OptionGroup var database: UserDatabaseOptions

    func run() async throws {
        let registration = UserRegistration(
            login: login,
            password: try password.read(),
            isAdministrator: admin,
            email: email,
            firstName: firstName,
            lastName: lastName
        )
        try await database.withAdministration { try await $0.add(registration) }
    }
}

/// `sluice user passwd LOGIN`: sets a new password.
struct UserPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set a user's password.")

    @Argument(help: "The login.")
    var login: String

    @OptionGroup var password: PasswordOptions
    @OptionGroup var database: UserDatabaseOptions

    func run() async throws {
        let newPassword = try password.read()
        try await database.withAdministration { try await $0.changePassword(login: login, to: newPassword) }
    }
}
