import Logging
import XNATImport

/// Creates the `admin` account on first start; a generated password is shown once on standard error.
///
/// The password goes to standard error directly, not through the logger, so it is shown whatever the log level.
/// It is never logged.
struct AdministratorAccountSetup {
    var accounts: AccountService
    /// Writes one line to standard error (tests capture it).
    var announce: @Sendable (String) -> Void

    func run(logger: Logger) async throws {
        let login = AccountService.administratorLogin
        switch try await accounts.ensureAdministrator() {
        case .existing:
            if accounts.configuration.initialAdministratorPassword != nil {
                logger.debug(
                    "The admin account exists; SLUICE_ADMIN_PASSWORD is only used on first start",
                    metadata: [LogMetadataKey.login: "\(login)"]
                )
            }
        case .created:
            logger.notice(
                "Created the admin account with the password from SLUICE_ADMIN_PASSWORD",
                metadata: [LogMetadataKey.login: "\(login)"]
            )
        case .createdWithGeneratedPassword(let password):
            logger.notice(
                "Created the admin account with a generated password",
                metadata: [LogMetadataKey.login: "\(login)"]
            )
            announce(
                "sluice: created the account '\(login)' with the password \(password) "
                    + "(shown only now; set SLUICE_ADMIN_PASSWORD before the first start to choose it)"
            )
        }
    }
}
