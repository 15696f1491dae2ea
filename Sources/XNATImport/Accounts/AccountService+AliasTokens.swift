import Foundation

/// Alias tokens: issuing, logging in with, validating and invalidating them, with XNAT's rules
/// (`AliasTokenRestlet`): anyone may work with their own tokens, administrators with everyone's.
extension AccountService {
    /// The length of a token's secret: 64 letters and digits, as long as XNAT's.
    package static let aliasTokenSecretLength = 64

    /// Issues a token for the user with `login` (the requester when `nil`) and removes tokens that have expired.
    ///
    /// Throws ``AccountError`` `notPermitted` when a user who is not an administrator asks for someone else's token,
    /// and `notFound` when there is no user with `login`.
    package func issueAliasToken(forLogin login: String? = nil, by requester: User) async throws -> IssuedAliasToken {
        var user = requester
        if let login, login != requester.login {
            guard requester.isAdministrator else {
                throw AccountError(.notPermitted, message: "Only administrators can issue alias tokens for other users")
            }
            guard let account = try await store.userAccount(login: login) else {
                throw AccountError(.notFound, message: "There is no user named \(login)")
            }
            user = account.user
        }
        let now = currentDate()
        try await store.deleteAliasTokens(expiredBy: now)
        // Letters and digits without look-alikes: about 375 bits.
        let secret = RandomToken.password(length: Self.aliasTokenSecretLength)
        let token = AliasToken(
            alias: UUID().uuidString.lowercased(),
            user: user,
            secretHash: AliasToken.hash(secret: secret),
            createdAt: now,
            expiresAt: now.adding(configuration.aliasTokenLifetime)
        )
        try await store.insertAliasToken(token)
        return IssuedAliasToken(token: token, secret: secret)
    }

    /// The user a live token with this alias and secret logs in as; `nil` for an unknown alias, a wrong secret or a
    /// token that has expired (which is then removed). Throws ``AccountError/accountDisabled`` if its user is disabled.
    package func authenticate(alias: String, secret: String) async throws -> User? {
        guard let token = try await store.aliasToken(alias: alias) else {
            return nil
        }
        if token.hasExpired(at: currentDate()) {
            _ = try await store.deleteAliasToken(alias: alias)
            return nil
        }
        guard token.matches(secret: secret) else {
            return nil
        }
        try await requireEnabled(login: token.user.login)
        return token.user
    }

    /// XNAT's `validate`: the user the token logs in as, or `nil` if the secret is wrong or the token has expired.
    ///
    /// Throws ``AccountError`` `notFound` for an unknown alias and `notPermitted` for someone else's token unless
    /// `requester` is an administrator.
    package func validateAliasToken(alias: String, secret: String, by requester: User) async throws -> User? {
        _ = try await aliasToken(alias, accessibleTo: requester)
        return try await authenticate(alias: alias, secret: secret)
    }

    /// XNAT's `invalidate`: removes the token, so it no longer logs in. Sessions it started run on until they end.
    ///
    /// As in XNAT the alias names the token and the secret is not checked; the same errors as
    /// ``validateAliasToken(alias:secret:by:)``.
    package func invalidateAliasToken(alias: String, by requester: User) async throws {
        _ = try await aliasToken(alias, accessibleTo: requester)
        _ = try await store.deleteAliasToken(alias: alias)
    }

    private func aliasToken(_ alias: String, accessibleTo requester: User) async throws -> AliasToken {
        guard let token = try await store.aliasToken(alias: alias) else {
            throw AccountError(.notFound, message: "There is no alias token \(alias)")
        }
        guard token.user.login == requester.login || requester.isAdministrator else {
            throw AccountError(.notPermitted, message: "Only administrators can work with other users' alias tokens")
        }
        return token
    }
}
