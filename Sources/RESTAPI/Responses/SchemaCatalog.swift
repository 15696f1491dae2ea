import Foundation
import Hummingbird

/// The XML schemas Sluice serves at `/xapi/schemas`: its own `xdat` and `xnat` schemas, bundled as resources
/// (`Resources/Schemas/<name>.xsd`) and read once.
///
/// xnatpy and xnatutils build their object model from these at connect (`xnat-clients.md` §2.1 steps 7–8, §2.2): the
/// `xnat` schema must define every `xsi:type` Sluice writes, and every schema listed must answer 200.
struct SchemaCatalog: Sendable {
    /// The names `/xapi/schemas` lists, in the order clients fetch them: `xdat` first, the types XNAT schemas use.
    static let names = ["xdat", "xnat"]

    /// The schemas bundled with Sluice.
    static let bundled = SchemaCatalog(bundle: .module)

    /// Each readable schema's text by name.
    let texts: [String: String]

    /// Reads every schema in ``names`` from `bundle`'s `Schemas` folder; one that cannot be read is left out, and
    /// asking for it fails with 500 rather than stopping the server.
    init(bundle: Bundle) {
        var texts: [String: String] = [:]
        for name in Self.names {
            if let url = bundle.url(forResource: name, withExtension: "xsd", subdirectory: "Schemas"),
                let text = try? String(contentsOf: url, encoding: .utf8)
            {
                texts[name] = text
            }
        }
        self.texts = texts
    }

    /// The schema `name` (also accepted with `.xsd`) as `application/xml`; 404 for a name Sluice does not serve.
    func response(name: String) throws -> Response {
        let name = name.hasSuffix(".xsd") ? String(name.dropLast(4)) : name
        guard Self.names.contains(name) else {
            throw HTTPError(
                .notFound,
                message: "No schema named \(name): Sluice serves \(Self.names.joined(separator: ", "))"
            )
        }
        guard let text = texts[name] else {
            throw HTTPError(.internalServerError, message: "The schema \(name) is missing from Sluice's resources")
        }
        return Response.text(text, contentType: "application/xml; charset=utf-8")
    }

    /// `["xdat","xnat"]` as `application/json`.
    func listResponse() -> Response {
        let names = Self.names.map(JSONText.quoted).joined(separator: ",")
        return Response.text("[" + names + "]", contentType: ResultSetFormat.json.contentType)
    }
}
