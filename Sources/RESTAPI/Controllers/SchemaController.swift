import Foundation
import Hummingbird

/// XNAT's schema service, which clients read their data model from (`xnat-clients.md` §2.1 steps 7–8, §2.2):
///
/// * `GET /xapi/schemas` — the schema names as a JSON array (any `format`);
/// * `GET /xapi/schemas/{name}` and `…/{name}.xsd` — the schema's XSD text, or 404 in plain text.
struct SchemaController {
    var catalog = SchemaCatalog.bundled

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/xapi/schemas") { _, _ in
            catalog.listResponse()
        }
        router.get("/xapi/schemas/:name") { _, context in
            let raw = context.parameters.get("name") ?? ""
            return try catalog.response(name: raw.removingPercentEncoding ?? raw)
        }
    }
}
