/// A user as the metadata store keeps it: the user and the bcrypt hash of their password.
package struct UserAccount: Sendable, Equatable {
    /// The user.
    package var user: User
    /// The password's bcrypt hash (`$2b$…`); the password itself is never stored.
    package var passwordHash: String

    /// Creates an account from a user and a hash made by ``PasswordHasher``.
    package init(user: User, passwordHash: String) {
        self.user = user
        self.passwordHash = passwordHash
    }
}
