/// Creating and changing accounts, for `sluice user` (the operator at the console, who may do anything) and, through
/// ``AccountService`` `…(by:)` methods that check the requester first, for `/xapi/users`.
extension AccountService {
    /// Creates an account with its profile; throws ``AccountError`` if the login is invalid or taken, or the password
    /// is empty.
    @discardableResult
    package func createUser(_ registration: UserRegistration) async throws -> UserProfile {
        try Self.validate(login: registration.login)
        try Self.validate(password: registration.password)
        let profile = UserProfile(
            user: User(login: registration.login, isAdministrator: registration.isAdministrator),
            email: registration.email,
            firstName: registration.firstName,
            lastName: registration.lastName,
            isEnabled: registration.isEnabled
        )
        guard try await store.insertUserProfile(profile, passwordHash: await hasher.hash(registration.password)) else {
            throw AccountError(.loginTaken, message: "An account named \(registration.login) exists already")
        }
        return profile
    }

    /// The profile of the user with this login; throws ``AccountError`` `notFound` if there is none.
    package func userProfile(login: String) async throws -> UserProfile {
        guard let profile = try await store.userProfile(login: login) else {
            throw AccountError(.notFound, message: "There is no user named \(login)")
        }
        return profile
    }

    /// Every user's profile, ordered by login.
    package func userProfiles() async throws -> [UserProfile] {
        try await store.userProfiles()
    }

    /// Applies `changes` to the user with this login and returns the profile afterwards.
    ///
    /// A new password must not be empty; `isEnabled` works as ``setEnabled(_:login:)``.
    @discardableResult
    package func updateUser(login: String, changes: UserProfileChanges) async throws -> UserProfile {
        var profile = try await userProfile(login: login)
        if let password = changes.password {
            try await changePassword(login: login, to: password)
        }
        profile.email = changes.email ?? profile.email
        profile.firstName = changes.firstName ?? profile.firstName
        profile.lastName = changes.lastName ?? profile.lastName
        guard try await store.updateUserProfile(profile) else {
            throw AccountError(.notFound, message: "There is no user named \(login)")
        }
        if let enabled = changes.isEnabled {
            return try await setEnabled(enabled, login: login)
        }
        return try await userProfile(login: login)
    }

    /// Enables or disables an account and returns its profile.
    ///
    /// Disabling ends the user's sessions and removes their alias tokens (XNAT deactivates a disabled user's
    /// tokens), so nothing the user holds logs in any more; enabling also lifts a lockout.
    @discardableResult
    package func setEnabled(_ enabled: Bool, login: String) async throws -> UserProfile {
        var profile = try await userProfile(login: login)
        profile.isEnabled = enabled
        guard try await store.updateUserProfile(profile) else {
            throw AccountError(.notFound, message: "There is no user named \(login)")
        }
        if enabled {
            try await store.clearFailedLogins(login: login)
        } else {
            try await store.deleteLoginSessions(login: login)
            try await store.deleteAliasTokens(login: login)
        }
        return try await userProfile(login: login)
    }

    /// Sets a new password (stored as a bcrypt hash) and lifts any lockout; sessions and tokens stay.
    package func changePassword(login: String, to password: String) async throws {
        try Self.validate(password: password)
        guard try await store.setPasswordHash(await hasher.hash(password), login: login) else {
            throw AccountError(.notFound, message: "There is no user named \(login)")
        }
        try await store.clearFailedLogins(login: login)
    }

    /// Checks a new password: it must not be empty.
    package static func validate(password: String) throws(AccountError) {
        guard !password.isEmpty else {
            throw AccountError(.invalidPassword, message: "The password must not be empty")
        }
    }
}
