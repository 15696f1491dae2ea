import Crypto
import Foundation

/// An XNAT alias token: a stand-in login (the alias) and password (the secret) for one user, which xnatpy and
/// xnatutils keep instead of the user's password and send as HTTP Basic `alias:secret` (`xnat-clients.md` §1.2).
///
/// Like XNAT's `AliasToken`, a token works until ``expiresAt`` (``AccountsConfiguration/aliasTokenLifetime`` after it
/// was issued, 48 hours by default) or until it is invalidated. Unlike XNAT, the store keeps only a SHA-256 hash of
/// the secret, so a token's secret is known only to whoever it was issued to.
package struct AliasToken: Sendable, Equatable {
    /// The alias, a lower-case UUID such as `4a0177cf-e7e4-44da-8140-6b270ec5000f`.
    package var alias: String
    /// The user the token logs in as (XNAT's `xdatUserId` is this user's login).
    package var user: User
    /// The SHA-256 hash of the secret, 64 lower-case hexadecimal digits (``hash(secret:)``).
    package var secretHash: String
    /// When the token was issued.
    package var createdAt: Date
    /// When the token stops working.
    package var expiresAt: Date

    /// Creates a token record.
    package init(alias: String, user: User, secretHash: String, createdAt: Date, expiresAt: Date) {
        self.alias = alias
        self.user = user
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// Whether the token has stopped working at `date`.
    package func hasExpired(at date: Date) -> Bool {
        expiresAt <= date
    }

    /// Whether `secret` is this token's secret; the hashes are compared in constant time.
    package func matches(secret: String) -> Bool {
        let presented = Array(Self.hash(secret: secret).utf8)
        let stored = Array(secretHash.utf8)
        guard presented.count == stored.count else { return false }
        var difference: UInt8 = 0
        for index in presented.indices {
            difference |= presented[index] ^ stored[index]
        }
        return difference == 0
    }

    /// The SHA-256 hash of `secret` (its UTF-8 bytes) as 64 lower-case hexadecimal digits.
    package static func hash(secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 0x10 ? "0" + digits : digits
        }.joined()
    }

    /// Whether `text` has the form of an alias: a UUID, 8-4-4-4-12 hexadecimal digits of either case (XNAT's
    /// `AliasToken.isAliasFormat`; xnatpy treats such a user name as a token and logs in with HTTP Basic).
    package static func isAliasFormat(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        guard characters.count == 36 else { return false }
        for (index, character) in characters.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard character == UInt8(ascii: "-") else { return false }
            } else {
                guard Self.isHexadecimalDigit(character) else { return false }
            }
        }
        return true
    }

    private static func isHexadecimalDigit(_ character: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(character)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(character)
    }
}
