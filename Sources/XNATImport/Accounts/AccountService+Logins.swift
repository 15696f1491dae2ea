import Foundation
import Logging

/// Password logins with XNAT's account rules: disabled accounts are refused, and after
/// ``AccountsConfiguration/maximumFailedLogins`` failures in a row password logins are refused for
/// ``AccountsConfiguration/lockoutDuration`` (XNAT's `maxFailedLogins` and lockout).
///
/// Every attempt costs one bcrypt, whether the login exists, is locked or is disabled, and the lockout applies to
/// unknown logins too (``UnknownLoginThrottle``), so neither timing nor messages tell whether a login exists. That
/// an account is disabled is said only to someone who gave its right password.
extension AccountService {
    /// The user with this login and password, or `nil` if either is wrong.
    ///
    /// Throws ``AccountError/accountLocked`` while the login is locked (even for the right password, and for the
    /// failure that locks it) and ``AccountError/accountDisabled`` for the right password of a disabled account.
    /// A success clears the failure count and records the login time.
    package func authenticate(login: String, password: String) async throws -> User? {
        let now = currentDate()
        guard let account = try await store.userAccount(login: login),
            let profile = try await store.userProfile(login: login)
        else {
            _ = await hasher.hash(password)
            if unknownLogins.isLocked(login, at: now) {
                throw AccountError.accountLocked
            }
            let maximum = configuration.maximumFailedLogins
            if unknownLogins.recordFailure(login, at: now, maximum: maximum, lockout: configuration.lockoutDuration) {
                throw AccountError.accountLocked
            }
            return nil
        }
        let matches = await hasher.verify(password, against: account.passwordHash)
        if profile.isLocked(at: now) {
            throw AccountError.accountLocked
        }
        guard matches else {
            let after = try await store.recordFailedLogin(
                login: login,
                maximumFailures: configuration.maximumFailedLogins,
                lockedUntil: now.adding(configuration.lockoutDuration)
            )
            if let after, after.isLocked(at: now) {
                Logger.current.notice(
                    "Locked an account after repeated failed logins",
                    metadata: [
                        "auth.login": "\(login)",
                        "auth.locked_until_ms": "\(after.lockedUntil?.millisecondsSince1970 ?? 0)",
                    ]
                )
                throw AccountError.accountLocked
            }
            return nil
        }
        guard profile.isEnabled else {
            throw AccountError.accountDisabled
        }
        try await store.recordSuccessfulLogin(login: login, at: now)
        return account.user
    }

    /// Throws ``AccountError/accountDisabled`` if the user with this login exists and is disabled.
    package func requireEnabled(login: String) async throws {
        if let profile = try await store.userProfile(login: login), !profile.isEnabled {
            throw AccountError.accountDisabled
        }
    }
}
