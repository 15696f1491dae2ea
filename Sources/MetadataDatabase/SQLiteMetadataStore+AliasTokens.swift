import Foundation
import SQLiteNIO
import XNATImport

// Alias tokens (`alias_tokens`, migration 0008). Each method is a single statement: the connection is shared by
// concurrent requests.
extension SQLiteMetadataStore {
    /// Adds a token.
    package func insertAliasToken(_ token: AliasToken) async throws {
        _ = try await connection.query(
            "INSERT INTO alias_tokens (alias, login, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            [
                .text(token.alias), .text(token.user.login), .text(token.secretHash),
                .integer(Int(token.createdAt.millisecondsSince1970)),
                .integer(Int(token.expiresAt.millisecondsSince1970)),
            ]
        )
    }

    /// The token with this alias and its user, expired or not.
    package func aliasToken(alias: String) async throws -> AliasToken? {
        let rows = try await connection.query(
            """
            SELECT t.alias, t.secret_hash, t.created_at, t.expires_at, u.login, u.is_administrator
            FROM alias_tokens AS t JOIN users AS u ON u.login = t.login
            WHERE t.alias = ?
            """,
            [.text(alias)]
        )
        return try rows.first.map { row in
            AliasToken(
                alias: try row.text("alias"),
                user: User(login: try row.text("login"), isAdministrator: try row.integer("is_administrator") != 0),
                secretHash: try row.text("secret_hash"),
                createdAt: Date(millisecondsSince1970: Int64(try row.integer("created_at"))),
                expiresAt: Date(millisecondsSince1970: Int64(try row.integer("expires_at")))
            )
        }
    }

    /// Removes a token; `false` if there was none.
    package func deleteAliasToken(alias: String) async throws -> Bool {
        let rows = try await connection.query(
            "DELETE FROM alias_tokens WHERE alias = ? RETURNING alias",
            [.text(alias)]
        )
        return !rows.isEmpty
    }

    /// Removes every token that expired at or before `date`.
    package func deleteAliasTokens(expiredBy date: Date) async throws {
        _ = try await connection.query(
            "DELETE FROM alias_tokens WHERE expires_at <= ?",
            [.integer(Int(date.millisecondsSince1970))]
        )
    }
}
