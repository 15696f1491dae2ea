import Hummingbird
import Logging
import XNATImport

/// Works out who sent each request and sets the session cookies on the response (`xnat-clients.md` §1.2).
///
/// - A `JSESSIONID` cookie naming a live session identifies its user (and keeps the session alive).
/// - HTTP Basic credentials are checked unless the cookie's session already belongs to that login (as Spring
///   Security skips re-authentication); good ones start a session, whose `JSESSIONID` the response sets, so pyxnat,
///   curl scripts and the desktop client get a session from their first request. Bad ones are refused with 401 on
///   every route, public or not.
/// - The Basic credentials may be an alias token's `alias:secret` instead (xnatpy's and xnatutils' token login,
///   `GET /` with Basic): they log in as the token's user. A wrong secret or an expired token is refused with the
///   same 401 as a wrong password.
/// - Anything else leaves the request anonymous; ``RequireAuthenticationMiddleware`` refuses it on private routes.
///
/// Every authenticated response carries a fresh `SESSION_EXPIRATION_TIME` cookie.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let accounts: AccountService

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let identity = try await identify(request, logger: context.logger)
        context.identity = identity
        var response = try await next(request, context)
        if let identity, !SessionCookie.isSessionSet(on: response) {
            SessionCookie.set(
                for: identity.session,
                timeout: accounts.configuration.sessionTimeout,
                includingID: identity.startedSession,
                on: &response
            )
        }
        return response
    }

    private func identify(_ request: Request, logger: Logger) async throws -> RequestIdentity? {
        var session: LoginSession?
        if let sessionID = SessionCookie.sessionID(in: request) {
            session = try await accounts.resumeSession(id: sessionID)
        }
        guard let credentials = try BasicCredentials(request: request) else {
            return session.map { RequestIdentity(session: $0, startedSession: false) }
        }
        if let session, session.user.login == credentials.login {
            return RequestIdentity(session: session, startedSession: false)
        }
        guard let (user, method) = try await authenticate(credentials) else {
            logger.notice("Refused HTTP Basic credentials", metadata: [LogMetadataKey.login: "\(credentials.login)"])
            throw AccountError.loginFailed
        }
        if let session, session.user.login == user.login {
            // An alias token for the cookie's user: keep the session rather than start one per request.
            return RequestIdentity(session: session, startedSession: false)
        }
        let started = try await accounts.startSession(for: user)
        logger.debug(
            "Started a login session",
            metadata: [LogMetadataKey.login: "\(user.login)", LogMetadataKey.authenticationMethod: "\(method)"]
        )
        return RequestIdentity(session: started, startedSession: true)
    }

    /// The user the credentials log in as and how (`basic` or `token`), or `nil` for wrong credentials.
    ///
    /// A login in the form of an alias (a UUID) is first tried as an alias token, then, if no live token has that
    /// alias and secret, as a login and password: a user whose login looks like a UUID can still log in.
    private func authenticate(_ credentials: BasicCredentials) async throws -> (User, String)? {
        if AliasToken.isAliasFormat(credentials.login),
            let user = try await accounts.authenticate(alias: credentials.login, secret: credentials.password)
        {
            return (user, "token")
        }
        guard let user = try await accounts.authenticate(login: credentials.login, password: credentials.password)
        else {
            return nil
        }
        return (user, "basic")
    }
}
