import HTTPTypes
import Hummingbird
import XNATImport

/// Cross-site request forgery protection for browser sessions (issue 8), after the login check.
///
/// A request that changes something (any method but GET, HEAD and OPTIONS), authenticated only by the session
/// cookie (no `Authorization` header), and coming from a browser (an `Origin` or `Referer` header, or a
/// `User-Agent` starting `Mozilla/`) must carry the session's ``LoginSession/csrfToken`` as the `XNAT_CSRF` query
/// parameter or header; otherwise it is 403. HTTP Basic and alias-token requests need none, as in XNAT.
///
/// Scripts that log in and then use only the cookie (xnatpy, curl with a cookie jar) send no `Origin`, `Referer`
/// or browser user agent: a forged request is always made by a browser, which adds at least one of them, so those
/// clients keep working unchanged while a page in another tab cannot act with the user's cookie.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let identity = context.identity, Self.needsToken(request) else { return try await next(request, context) }
        let sent =
            request.uri.queryParameters.get("XNAT_CSRF").map { String($0) }
            ?? request.headers[HTTPField.Name("XNAT_CSRF")!]
            ?? request.headers[HTTPField.Name("X-XNAT-CSRF")!]
        guard sent == identity.session.csrfToken else {
            throw ImportError(
                .notPermitted,
                "This request needs the session's CSRF token (XNAT_CSRF), as a browser sent it with only a session cookie"
            )
        }
        return try await next(request, context)
    }

    /// Whether the request must carry the token.
    static func needsToken(_ request: Request) -> Bool {
        guard ![.get, .head, .options].contains(request.method), request.headers[.authorization] == nil else {
            return false
        }
        let agent = request.headers[.userAgent] ?? ""
        return request.headers[.origin] != nil || request.headers[.referer] != nil || agent.hasPrefix("Mozilla/")
    }
}
