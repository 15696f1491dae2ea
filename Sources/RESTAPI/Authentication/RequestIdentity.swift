import XNATImport

/// Who sent a request: the login session it belongs to, and whether this request started that session.
package struct RequestIdentity: Sendable, Equatable {
    /// The session; every authenticated request has one (HTTP Basic starts one, as XNAT's does).
    package var session: LoginSession
    /// Whether this request started the session, so its response must set the `JSESSIONID` cookie.
    package var startedSession: Bool

    /// Creates an identity.
    package init(session: LoginSession, startedSession: Bool) {
        self.session = session
        self.startedSession = startedSession
    }
}
