import Foundation
import Hummingbird

/// XNAT's search element listings, which xnatpy reads at connect (`xnat-clients.md` §1.4, §2.1 steps 9–10):
///
/// * `GET /data/search/elements` — a ResultSet of the data types Sluice holds (``SearchElements``);
/// * `GET /data/search/elements/{type}` — a ResultSet of the type's searchable fields, or 404 in plain text.
///
/// JSON by default, `format=csv` or `format=xml`; also under `/REST`. Sluice has no search service yet: these
/// tables only describe what a search could ask for.
struct SearchElementController {
    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.service("/search/elements") {
            router.get(RouterPath(base)) { request, _ in
                SearchElements.listing().response(format: ResultSetFormat(request: request))
            }
            router.get(RouterPath(base + "/:type")) { request, context in
                let raw = context.parameters.get("type") ?? ""
                let name = raw.removingPercentEncoding ?? raw
                guard let element = SearchElements.element(named: name) else {
                    throw HTTPError(.notFound, message: "No search element named \(name)")
                }
                return SearchElements.fields(of: element).response(format: ResultSetFormat(request: request))
            }
        }
    }
}
