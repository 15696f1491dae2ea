/// The `/xapi/users` rules (XNAT's `UsersApi`): administrators list, create and change accounts; any user may read
/// their own profile. Someone else's profile is refused with `notPermitted` whether or not the login exists.
extension AccountService {
    /// Every login, ordered (`GET /xapi/users`); administrators only.
    package func userLogins(by requester: User) async throws -> [String] {
        try requireAdministrator(requester, to: "list users")
        return try await userProfiles().map(\.login)
    }

    /// Every profile (`GET /xapi/users/profiles`); administrators only.
    package func userProfiles(by requester: User) async throws -> [UserProfile] {
        try requireAdministrator(requester, to: "list users")
        return try await userProfiles()
    }

    /// One profile: the requester's own, or anyone's for an administrator (`notFound` if there is none).
    package func userProfile(login: String, by requester: User) async throws -> UserProfile {
        if login != requester.login {
            try requireAdministrator(requester, to: "read other users' profiles")
        }
        return try await userProfile(login: login)
    }

    /// Creates an account (`POST /xapi/users`); administrators only.
    package func createUser(_ registration: UserRegistration, by requester: User) async throws -> UserProfile {
        try requireAdministrator(requester, to: "create users")
        return try await createUser(registration)
    }

    /// Changes an account (`PUT /xapi/users/{username}`); administrators only.
    package func updateUser(login: String, changes: UserProfileChanges, by requester: User) async throws -> UserProfile
    {
        try requireAdministrator(requester, to: "change users")
        return try await updateUser(login: login, changes: changes)
    }

    /// Enables or disables an account (`PUT /xapi/users/{username}/enabled/{flag}`); administrators only.
    package func setEnabled(_ enabled: Bool, login: String, by requester: User) async throws -> UserProfile {
        try requireAdministrator(requester, to: "enable or disable users")
        return try await setEnabled(enabled, login: login)
    }

    /// The alias tokens of `login` (the requester's own when `nil`), expired ones left out and removed
    /// (`GET /data/services/tokens/show[/user/{login}]`); other users' for administrators only.
    package func aliasTokens(forLogin login: String? = nil, by requester: User) async throws -> [AliasToken] {
        let owner = login ?? requester.login
        if owner != requester.login {
            try requireAdministrator(requester, to: "list other users' alias tokens")
            _ = try await userProfile(login: owner)
        }
        let now = currentDate()
        try await store.deleteAliasTokens(expiredBy: now)
        return try await store.aliasTokens(login: owner).filter { !$0.hasExpired(at: now) }
    }

    private func requireAdministrator(_ requester: User, to action: String) throws(AccountError) {
        guard requester.isAdministrator else {
            throw AccountError(.notPermitted, message: "Only administrators can \(action)")
        }
    }
}
