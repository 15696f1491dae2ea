/// The `accounts` section of the server configuration: the first administrator, session and alias token lifetimes,
/// password hashing, and the lockout after failed logins.
package struct AccountsConfiguration: Sendable, Equatable {
    /// XNAT's default session timeout: 15 minutes after the last request.
    package static let defaultSessionTimeout = Duration.seconds(15 * 60)
    /// XNAT's default alias token lifetime (its `aliasTokenTimeout`, "2 days").
    package static let defaultAliasTokenLifetime = Duration.seconds(48 * 60 * 60)
    /// The bcrypt cost for stored passwords.
    package static let defaultPasswordHashCost: UInt8 = 10
    /// Failed password logins in a row that lock an account (like XNAT's `maxFailedLogins`).
    package static let defaultMaximumFailedLogins = 10
    /// How long a locked account refuses password logins.
    package static let defaultLockoutDuration = Duration.seconds(15 * 60)

    /// The password of the `admin` account created on first start (`SLUICE_ADMIN_PASSWORD`); `nil` generates one.
    package var initialAdministratorPassword: String?
    /// How long a login session lives after its last use.
    package var sessionTimeout: Duration
    /// The bcrypt cost for new password hashes.
    package var passwordHashCost: UInt8
    /// How long an alias token works after it was issued.
    package var aliasTokenLifetime: Duration
    /// Failed password logins in a row after which password logins are refused for ``lockoutDuration``; 0 never
    /// locks (`SLUICE_MAX_FAILED_LOGINS`).
    package var maximumFailedLogins: Int
    /// How long a locked account refuses password logins (`SLUICE_LOCKOUT_SECONDS`).
    package var lockoutDuration: Duration

    /// Creates the section; the defaults are what `sluice serve` uses.
    package init(
        initialAdministratorPassword: String? = nil,
        sessionTimeout: Duration = AccountsConfiguration.defaultSessionTimeout,
        passwordHashCost: UInt8 = AccountsConfiguration.defaultPasswordHashCost,
        aliasTokenLifetime: Duration = AccountsConfiguration.defaultAliasTokenLifetime,
        maximumFailedLogins: Int = AccountsConfiguration.defaultMaximumFailedLogins,
        lockoutDuration: Duration = AccountsConfiguration.defaultLockoutDuration
    ) {
        self.initialAdministratorPassword = initialAdministratorPassword
        self.sessionTimeout = sessionTimeout
        self.passwordHashCost = passwordHashCost
        self.aliasTokenLifetime = aliasTokenLifetime
        self.maximumFailedLogins = maximumFailedLogins
        self.lockoutDuration = lockoutDuration
    }
}
