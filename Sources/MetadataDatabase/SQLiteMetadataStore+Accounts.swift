import Foundation
import SQLiteNIO
import XNATImport

// Each method is a single statement: the connection is shared by concurrent requests, so a multi-statement
// transaction could take in another request's statements.
extension SQLiteMetadataStore {
    // MARK: - User accounts

    /// The account with this login, or `nil`.
    package func userAccount(login: String) async throws -> UserAccount? {
        let rows = try await connection.query(
            "SELECT login, password_hash, is_administrator FROM users WHERE login = ?",
            [.text(login)]
        )
        return try rows.first.map { row in
            UserAccount(
                user: User(login: try row.text("login"), isAdministrator: try row.integer("is_administrator") != 0),
                passwordHash: try row.text("password_hash")
            )
        }
    }

    /// Adds an account; `false` if the login exists already.
    package func insertUserAccount(_ account: UserAccount) async throws -> Bool {
        let rows = try await connection.query(
            """
            INSERT INTO users (login, password_hash, is_administrator) VALUES (?, ?, ?)
            ON CONFLICT (login) DO NOTHING RETURNING login
            """,
            [.text(account.user.login), .text(account.passwordHash), .integer(account.user.isAdministrator ? 1 : 0)]
        )
        return !rows.isEmpty
    }

    // MARK: - Login sessions

    /// Adds a login session.
    package func insertLoginSession(_ session: LoginSession) async throws {
        _ = try await connection.query(
            "INSERT INTO login_sessions (id, login, created_at, expires_at) VALUES (?, ?, ?, ?)",
            [
                .text(session.id), .text(session.user.login),
                .integer(Int(session.createdAt.millisecondsSince1970)),
                .integer(Int(session.expiresAt.millisecondsSince1970)),
            ]
        )
    }

    /// The session with this ID and its user, expired or not.
    package func loginSession(id: String) async throws -> LoginSession? {
        let rows = try await connection.query(
            """
            SELECT s.id, s.created_at, s.expires_at, u.login, u.is_administrator
            FROM login_sessions AS s JOIN users AS u ON u.login = s.login
            WHERE s.id = ?
            """,
            [.text(id)]
        )
        return try rows.first.map { row in
            LoginSession(
                id: try row.text("id"),
                user: User(login: try row.text("login"), isAdministrator: try row.integer("is_administrator") != 0),
                createdAt: Date(millisecondsSince1970: Int64(try row.integer("created_at"))),
                expiresAt: Date(millisecondsSince1970: Int64(try row.integer("expires_at")))
            )
        }
    }

    /// Moves a session's end.
    package func extendLoginSession(id: String, until expiresAt: Date) async throws {
        _ = try await connection.query(
            "UPDATE login_sessions SET expires_at = ? WHERE id = ?",
            [.integer(Int(expiresAt.millisecondsSince1970)), .text(id)]
        )
    }

    /// Removes a session.
    package func deleteLoginSession(id: String) async throws {
        _ = try await connection.query("DELETE FROM login_sessions WHERE id = ?", [.text(id)])
    }

    /// Removes every session that ended at or before `date`.
    package func deleteLoginSessions(expiredBy date: Date) async throws {
        _ = try await connection.query(
            "DELETE FROM login_sessions WHERE expires_at <= ?",
            [.integer(Int(date.millisecondsSince1970))]
        )
    }
}
