import Foundation

/// A user as the user administration routes and `sluice user list` show them: XNAT's user profile (`/xapi/users`)
/// plus the login state Sluice keeps beside it. Never holds the password or its hash.
package struct UserProfile: Sendable, Equatable {
    /// The user: login and whether they are a site administrator.
    package var user: User
    /// The e-mail address; empty when none was given.
    package var email: String
    /// The first name; empty when none was given.
    package var firstName: String
    /// The last name; empty when none was given.
    package var lastName: String
    /// Whether the user may log in at all (XNAT's `enabled`); a disabled user's logins, tokens and sessions fail.
    package var isEnabled: Bool
    /// Failed password logins since the last successful one or the last lockout.
    package var failedLoginCount: Int
    /// Until when password logins are refused after too many failures; `nil` when the account was never locked.
    package var lockedUntil: Date?
    /// The last successful password login, or `nil`.
    package var lastSuccessfulLogin: Date?

    /// Creates a profile; the defaults are those of a new account.
    package init(
        user: User,
        email: String = "",
        firstName: String = "",
        lastName: String = "",
        isEnabled: Bool = true,
        failedLoginCount: Int = 0,
        lockedUntil: Date? = nil,
        lastSuccessfulLogin: Date? = nil
    ) {
        self.user = user
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.isEnabled = isEnabled
        self.failedLoginCount = failedLoginCount
        self.lockedUntil = lockedUntil
        self.lastSuccessfulLogin = lastSuccessfulLogin
    }

    /// The login.
    package var login: String { user.login }

    /// Whether password logins are refused at `date` because of earlier failures.
    package func isLocked(at date: Date) -> Bool {
        lockedUntil.map { $0 > date } ?? false
    }
}
