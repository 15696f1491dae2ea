/// What a new account is created with: `POST /xapi/users` (XNAT's user JSON) or `sluice user add`.
package struct UserRegistration: Sendable, Equatable {
    /// The login, checked by ``AccountService/validate(login:)``.
    package var login: String
    /// The password in clear; only its bcrypt hash is stored. Must not be empty.
    package var password: String
    /// Whether the user is a site administrator.
    package var isAdministrator: Bool
    /// The e-mail address.
    package var email: String
    /// The first name.
    package var firstName: String
    /// The last name.
    package var lastName: String
    /// Whether the account may log in from the start (XNAT's optional `enabled`, true by default).
    package var isEnabled: Bool

    /// Creates a registration; only the login and the password are required.
    package init(
        login: String,
        password: String,
        isAdministrator: Bool = false,
        email: String = "",
        firstName: String = "",
        lastName: String = "",
        isEnabled: Bool = true
    ) {
        self.login = login
        self.password = password
        self.isAdministrator = isAdministrator
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.isEnabled = isEnabled
    }
}
