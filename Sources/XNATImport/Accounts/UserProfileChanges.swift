/// The fields `PUT /xapi/users/{username}` changes; `nil` leaves a field as it is (XNAT's `updateUser`).
package struct UserProfileChanges: Sendable, Equatable {
    /// A new e-mail address.
    package var email: String?
    /// A new first name.
    package var firstName: String?
    /// A new last name.
    package var lastName: String?
    /// Enables or disables the account (see ``AccountService/setEnabled(_:login:)``).
    package var isEnabled: Bool?
    /// A new password in clear; must not be empty.
    package var password: String?

    /// Creates the changes; omitted fields stay as they are.
    package init(
        email: String? = nil,
        firstName: String? = nil,
        lastName: String? = nil,
        isEnabled: Bool? = nil,
        password: String? = nil
    ) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.isEnabled = isEnabled
        self.password = password
    }
}
