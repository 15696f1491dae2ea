import Foundation
import SQLiteNIO
import XNATImport

// User profiles and login state (`users` columns of migration 0012). Each method is a single statement: the
// connection is shared by concurrent requests, and `sluice user` may write from another process (WAL).
extension SQLiteMetadataStore {
    private static let profileColumns = """
        login, is_administrator, email, first_name, last_name, enabled, failed_login_count, locked_until, \
        last_successful_login
        """

    /// The profile of the user with this login, or `nil`.
    package func userProfile(login: String) async throws -> UserProfile? {
        let rows = try await connection.query(
            "SELECT \(Self.profileColumns) FROM users WHERE login = ?",
            [.text(login)]
        )
        return try rows.first.map(Self.profile)
    }

    /// Every profile, ordered by login.
    package func userProfiles() async throws -> [UserProfile] {
        try await connection.query("SELECT \(Self.profileColumns) FROM users ORDER BY login").map(Self.profile)
    }

    /// Adds an account with its profile; `false` if the login exists already.
    package func insertUserProfile(_ profile: UserProfile, passwordHash: String) async throws -> Bool {
        let rows = try await connection.query(
            """
            INSERT INTO users (login, password_hash, is_administrator, email, first_name, last_name, enabled)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING RETURNING login
            """,
            [
                .text(profile.login), .text(passwordHash), .integer(profile.user.isAdministrator ? 1 : 0),
                .text(profile.email), .text(profile.firstName), .text(profile.lastName),
                .integer(profile.isEnabled ? 1 : 0),
            ]
        )
        return !rows.isEmpty
    }

    /// Replaces the e-mail address, names and enabled flag; `false` if there is no such user.
    package func updateUserProfile(_ profile: UserProfile) async throws -> Bool {
        let rows = try await connection.query(
            "UPDATE users SET email = ?, first_name = ?, last_name = ?, enabled = ? WHERE login = ? RETURNING login",
            [
                .text(profile.email), .text(profile.firstName), .text(profile.lastName),
                .integer(profile.isEnabled ? 1 : 0), .text(profile.login),
            ]
        )
        return !rows.isEmpty
    }

    /// Replaces a password hash; `false` if there is no such user.
    package func setPasswordHash(_ passwordHash: String, login: String) async throws -> Bool {
        let rows = try await connection.query(
            "UPDATE users SET password_hash = ? WHERE login = ? RETURNING login",
            [.text(passwordHash), .text(login)]
        )
        return !rows.isEmpty
    }

    /// Counts a failure; the maximum-th locks the account and starts the count again.
    package func recordFailedLogin(login: String, maximumFailures: Int, lockedUntil: Date) async throws -> UserProfile?
    {
        // SET expressions see the row as it was, so both test the old count.
        let reachesMaximum = "? > 0 AND failed_login_count + 1 >= ?"
        let rows = try await connection.query(
            """
            UPDATE users SET
                locked_until = CASE WHEN \(reachesMaximum) THEN ? ELSE locked_until END,
                failed_login_count = CASE WHEN \(reachesMaximum) THEN 0 ELSE failed_login_count + 1 END
            WHERE login = ? RETURNING \(Self.profileColumns)
            """,
            [
                .integer(maximumFailures), .integer(maximumFailures), .integer(Int(lockedUntil.millisecondsSince1970)),
                .integer(maximumFailures), .integer(maximumFailures), .text(login),
            ]
        )
        return try rows.first.map(Self.profile)
    }

    /// Clears the count and the lock, and records the login time.
    package func recordSuccessfulLogin(login: String, at date: Date) async throws {
        _ = try await connection.query(
            "UPDATE users SET failed_login_count = 0, locked_until = NULL, last_successful_login = ? WHERE login = ?",
            [.integer(Int(date.millisecondsSince1970)), .text(login)]
        )
    }

    /// Clears the count and the lock.
    package func clearFailedLogins(login: String) async throws {
        _ = try await connection.query(
            "UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE login = ?",
            [.text(login)]
        )
    }

    /// Removes a user's sessions.
    package func deleteLoginSessions(login: String) async throws {
        _ = try await connection.query("DELETE FROM login_sessions WHERE login = ?", [.text(login)])
    }

    /// A user's tokens, the oldest first.
    package func aliasTokens(login: String) async throws -> [AliasToken] {
        let rows = try await connection.query(
            """
            SELECT t.alias, t.secret_hash, t.created_at, t.expires_at, u.login, u.is_administrator
            FROM alias_tokens AS t JOIN users AS u ON u.login = t.login
            WHERE t.login = ? ORDER BY t.created_at, t.alias
            """,
            [.text(login)]
        )
        return try rows.map { row in
            AliasToken(
                alias: try row.text("alias"),
                user: User(login: try row.text("login"), isAdministrator: try row.integer("is_administrator") != 0),
                secretHash: try row.text("secret_hash"),
                createdAt: Date(millisecondsSince1970: Int64(try row.integer("created_at"))),
                expiresAt: Date(millisecondsSince1970: Int64(try row.integer("expires_at")))
            )
        }
    }

    /// Removes a user's tokens.
    package func deleteAliasTokens(login: String) async throws {
        _ = try await connection.query("DELETE FROM alias_tokens WHERE login = ?", [.text(login)])
    }

    private static func profile(_ row: SQLiteRow) throws -> UserProfile {
        UserProfile(
            user: User(login: try row.text("login"), isAdministrator: try row.integer("is_administrator") != 0),
            email: try row.text("email"),
            firstName: try row.text("first_name"),
            lastName: try row.text("last_name"),
            isEnabled: try row.integer("enabled") != 0,
            failedLoginCount: try row.integer("failed_login_count"),
            lockedUntil: try row.optionalInteger("locked_until").map { Date(millisecondsSince1970: Int64($0)) },
            lastSuccessfulLogin: try row.optionalInteger("last_successful_login").map {
                Date(millisecondsSince1970: Int64($0))
            }
        )
    }
}
