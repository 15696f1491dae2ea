import Hummingbird
import XNATImport

/// The cookies XNAT sets when it authenticates someone (`xnat-clients.md` §1.2).
///
/// `JSESSIONID=<id>; Path=/; HttpOnly` names the session, as Tomcat writes it. `SESSION_EXPIRATION_TIME` is
/// `"<last use, ms since 1970>,<timeout, ms>"`, quoted, on every authenticated response: xnatpy sets its keep-alive
/// from it and the desktop client refuses to upload without both cookies. The quoted value holds a comma, which
/// RFC 6265 does not allow, so the header is written by hand rather than with Hummingbird's `Cookie`.
enum SessionCookie: String {
    case session = "JSESSIONID"
    case expiration = "SESSION_EXPIRATION_TIME"

    /// The session ID the request's `JSESSIONID` cookie names, if any.
    static func sessionID(in request: Request) -> String? {
        request.cookies[SessionCookie.session.rawValue]?.value
    }

    /// Adds `Set-Cookie` headers for `session`: the ID only when `includingID`, the expiration time always.
    static func set(for session: LoginSession, timeout: Duration, includingID: Bool, on response: inout Response) {
        if includingID {
            response.headers[values: .setCookie].append(
                "\(SessionCookie.session.rawValue)=\(session.id); Path=/; HttpOnly"
            )
        }
        let lastUse = session.expiresAt.adding(.zero - timeout).millisecondsSince1970
        response.headers[values: .setCookie].append(
            "\(SessionCookie.expiration.rawValue)=\"\(lastUse),\(timeout.wholeMilliseconds)\"; Path=/"
        )
    }

    /// Adds `Set-Cookie` headers that make the client drop both cookies (logout).
    static func clear(on response: inout Response) {
        for cookie in [SessionCookie.session, .expiration] {
            response.headers[values: .setCookie].append(
                "\(cookie.rawValue)=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
            )
        }
    }

    /// Whether the response sets the `JSESSIONID` cookie already (a login or logout route did it).
    static func isSessionSet(on response: Response) -> Bool {
        response.headers[values: .setCookie].contains { $0.hasPrefix("\(SessionCookie.session.rawValue)=") }
    }
}
