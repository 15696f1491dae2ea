import Foundation

/// A server-side login session: what the `JSESSIONID` cookie names (`xnat-clients.md` §1.2).
///
/// A session lasts ``AccountsConfiguration/sessionTimeout`` after it was last used, as a Tomcat session does in XNAT.
package struct LoginSession: Sendable, Equatable {
    /// The session ID, 32 upper-case hexadecimal digits like Tomcat's; sent as the `JSESSIONID` cookie.
    package var id: String
    /// Who logged in.
    package var user: User
    /// When the session started.
    package var createdAt: Date
    /// When the session ends unless it is used before then.
    package var expiresAt: Date

    /// Creates a session record.
    package init(id: String, user: User, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.user = user
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// Whether the session has ended at `date`.
    package func hasExpired(at date: Date) -> Bool {
        expiresAt <= date
    }
}
