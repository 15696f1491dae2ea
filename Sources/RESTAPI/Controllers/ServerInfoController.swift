import Foundation
import Hummingbird
import XNATImport

/// Routes that tell clients what server they are talking to.
struct ServerInfoController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { _, context in
            guard let identity = context.identity else {
                return Response.plainText("Sluice \(SluiceVersion.current)")
            }
            return Self.homePage(login: identity.session.user.login, csrfToken: identity.session.csrfToken)
        }
        // XNAT 1.7 and later answer 404 here; clients then ask buildInfo (xnat-clients.md §2.1, step 5).
        router.get("/data/version") { _, _ -> Response in
            throw HTTPError(.notFound, message: "Not Found: use /xapi/siteConfig/buildInfo for the version")
        }
        router.get("/xapi/siteConfig/buildInfo") { _, _ in
            BuildInfo()
        }
    }

    /// The logged-in home page. The XNAT Desktop Client reads `var csrfToken = '…'` from it and aborts an upload
    /// without one (`xnat-clients.md` §5 item 4); it then sends the token as `XNAT_CSRF`. The token is the
    /// session's (``CSRFMiddleware`` checks it on browser requests that change something with only the cookie).
    static func homePage(login: String, csrfToken token: String) -> Response {
        let name = login.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let page = """
            <!DOCTYPE html>
            <html><head><title>Sluice</title><script>var csrfToken = '\(token)';</script></head>
            <body>Logged in as: \(name). Sluice \(SluiceVersion.current).</body></html>

            """
        return Response.text(page, contentType: "text/html; charset=utf-8")
    }
}
