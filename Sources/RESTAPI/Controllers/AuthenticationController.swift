import Hummingbird
import Logging
import XNATImport

/// XNAT's login, session and logout routes (`xnat-clients.md` §1.2, §2.1, §3, §5, §7).
struct AuthenticationController {
    let accounts: AccountService

    /// Routes that anonymous clients may call: the form login and logout.
    func addPublicRoutes(to router: Router<AppRequestContext>) {
        for path in XNATPath.service("/services/auth") {
            router.put(RouterPath(path)) { request, context in try await logIn(request, context: context) }
            router.post(RouterPath(path)) { request, context in try await logIn(request, context: context) }
        }
        for path in XNATPath.service("/JSESSION") {
            router.delete(RouterPath(path)) { _, context in try await logOut(context: context) }
        }
    }

    /// Routes for logged-in users: the session ID and the login check.
    func addRoutes(to router: Router<AppRequestContext>) {
        for path in XNATPath.service("/JSESSION") {
            // GET is xnatpy's heartbeat and pyxnat's first request; POST is xnatctl's login. Both name the session
            // the request belongs to, which HTTP Basic has just started if there was no cookie.
            router.get(RouterPath(path)) { _, context in try sessionID(context: context) }
            router.post(RouterPath(path)) { _, context in try sessionID(context: context) }
        }
        for path in XNATPath.service("/auth") {
            router.get(RouterPath(path)) { _, context in
                // xnatpy matches `User '(?P<username>[^<]+)' is logged in`.
                Response.plainText("User '\(try context.requireUser().login)' is logged in")
            }
        }
    }

    /// `PUT /data/services/auth` with form fields `username` and `password`: answers the new session's ID.
    private func logIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await LoginForm(request: request)
        guard let user = try await accounts.authenticate(login: form.username, password: form.password) else {
            context.logger.notice("Refused a form login", metadata: [LogMetadataKey.login: "\(form.username)"])
            throw AccountError.loginFailed
        }
        let session = try await accounts.startSession(for: user)
        context.logger.info(
            "Started a login session",
            metadata: [LogMetadataKey.login: "\(user.login)", LogMetadataKey.authenticationMethod: "form"]
        )
        var response = Response.plainText(session.id)
        SessionCookie.set(
            for: session,
            timeout: accounts.configuration.sessionTimeout,
            includingID: true,
            on: &response
        )
        return response
    }

    private func sessionID(context: AppRequestContext) throws -> Response {
        _ = try context.requireUser()
        return Response.plainText(context.identity?.session.id ?? "")
    }

    /// `DELETE /data/JSESSION`: ends the session, if any, and clears the cookies; always 200 with an empty body.
    private func logOut(context: AppRequestContext) async throws -> Response {
        if let session = context.identity?.session {
            try await accounts.endSession(id: session.id)
            context.logger.info("Ended a login session", metadata: [LogMetadataKey.login: "\(session.user.login)"])
        }
        var response = Response.plainText("")
        SessionCookie.clear(on: &response)
        return response
    }
}
