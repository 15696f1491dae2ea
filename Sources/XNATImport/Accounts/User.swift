/// Someone who can log in to Sluice: an XNAT user account, without its password.
package struct User: Sendable, Equatable {
    /// The login name, compared case-sensitively as XNAT does, for example `admin`.
    package var login: String
    /// Whether the user is a site administrator (XNAT's `Administrator` role), who may create and configure projects.
    package var isAdministrator: Bool

    /// Creates a user.
    package init(login: String, isAdministrator: Bool) {
        self.login = login
        self.isAdministrator = isAdministrator
    }
}
