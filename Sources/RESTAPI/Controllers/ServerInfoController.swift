import Hummingbird
import XNATImport

/// Routes that tell clients what server they are talking to.
struct ServerInfoController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { _, _ in
            Response.plainText("Sluice \(SluiceVersion.current)")
        }
        // XNAT 1.7 and later answer 404 here; clients then ask buildInfo (xnat-clients.md §2.1, step 5).
        router.get("/data/version") { _, _ -> Response in
            throw HTTPError(.notFound, message: "Not Found: use /xapi/siteConfig/buildInfo for the version")
        }
        router.get("/xapi/siteConfig/buildInfo") { _, _ in
            BuildInfo()
        }
    }
}
