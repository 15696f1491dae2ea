import Foundation

/// User accounts and login sessions: checks passwords, and starts, resumes and ends sessions.
///
/// HTTP Basic, the `/data/services/auth` form and the `JSESSIONID` cookie all come here (`xnat-clients.md` §1.2).
/// Sessions live in the metadata store, so they survive a restart of `sluice serve`.
package struct AccountService: Sendable {
    /// Where accounts and sessions are kept.
    package let store: any MetadataStore
    /// Session lifetime and password hashing.
    package let configuration: AccountsConfiguration
    /// Hashes and checks passwords off the concurrency threads.
    let hasher: PasswordHasher
    /// Failed logins for logins nobody has, shared by every copy of this service.
    let unknownLogins = UnknownLoginThrottle()
    /// The clock: `Date()` except in tests.
    let currentDate: @Sendable () -> Date

    /// A used session is written back only when it is older than this, so a burst of requests costs no writes.
    private static let renewalInterval = Duration.seconds(60)

    /// Creates the service; tests pass `currentDate` to move time forward.
    package init(
        store: any MetadataStore,
        configuration: AccountsConfiguration,
        currentDate: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.configuration = configuration
        self.hasher = PasswordHasher(cost: configuration.passwordHashCost)
        self.currentDate = currentDate
    }

    // MARK: - Passwords (logins: `AccountService+Logins.swift`)

    /// Creates an account; throws ``AccountError`` if the login is invalid or taken, or the password is empty.
    @discardableResult
    package func createUser(login: String, password: String, isAdministrator: Bool) async throws -> User {
        try Self.validate(login: login)
        guard !password.isEmpty else {
            throw AccountError(.invalidPassword, message: "The password must not be empty")
        }
        let user = User(login: login, isAdministrator: isAdministrator)
        let account = UserAccount(user: user, passwordHash: await hasher.hash(password))
        guard try await store.insertUserAccount(account) else {
            throw AccountError(.loginTaken, message: "An account named \(login) exists already")
        }
        return user
    }

    /// Checks a new login: 1–255 characters, none of them a colon (HTTP Basic splits there), space or control.
    package static func validate(login: String) throws(AccountError) {
        let allowed = login.unicodeScalars.allSatisfy { scalar in
            scalar != ":" && !scalar.properties.isWhitespace && !(scalar.value < 0x20 || scalar.value == 0x7F)
        }
        guard !login.isEmpty, login.count <= 255, allowed else {
            throw AccountError(.invalidLogin, message: "Invalid login \"\(login)\"")
        }
    }

    // MARK: - Sessions

    /// Starts a session for `user` and removes sessions that have ended.
    package func startSession(for user: User) async throws -> LoginSession {
        let now = currentDate()
        try await store.deleteLoginSessions(expiredBy: now)
        let session = LoginSession(
            id: RandomToken.hexadecimal(byteCount: 16),
            user: user,
            createdAt: now,
            expiresAt: now.adding(configuration.sessionTimeout)
        )
        try await store.insertLoginSession(session)
        return session
    }

    /// The live session with this ID, its end moved to now + timeout; `nil` if there is none or it has ended.
    package func resumeSession(id: String) async throws -> LoginSession? {
        guard var session = try await store.loginSession(id: id) else {
            return nil
        }
        let now = currentDate()
        if session.hasExpired(at: now) {
            try await store.deleteLoginSession(id: id)
            return nil
        }
        let renewed = now.adding(configuration.sessionTimeout)
        if renewed >= session.expiresAt.adding(Self.renewalInterval) {
            try await store.extendLoginSession(id: id, until: renewed)
            session.expiresAt = renewed
        }
        return session
    }

    /// Ends the session with this ID (logout); nothing happens if there is none.
    package func endSession(id: String) async throws {
        try await store.deleteLoginSession(id: id)
    }
}
