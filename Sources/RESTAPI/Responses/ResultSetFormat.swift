import Hummingbird

/// The representations a listing can be asked for with `?format=` (`xnat-clients.md` §1.3).
///
/// Without `format`, or with any other value, listings answer JSON, whatever `Accept` says: the desktop client
/// sends `Accept: application/json, text/plain, */*` and xnatutils `Accept: */*`, and both parse JSON.
package enum ResultSetFormat: String, Sendable, CaseIterable {
    case json
    case csv
    case xml

    /// The format the request's `format` query parameter names (case-insensitive), JSON by default.
    package init(request: Request) {
        let requested = request.uri.queryParameters.get("format")?.lowercased() ?? ""
        self = ResultSetFormat(rawValue: requested) ?? .json
    }

    /// The `Content-Type` of a body in this format.
    package var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .xml: "text/xml; charset=utf-8"
        }
    }
}

extension ResultSet {
    /// A 200 response with the result set in `format`.
    package func response(format: ResultSetFormat) -> Response {
        let body: String
        switch format {
        case .json: body = json()
        case .csv: body = csv()
        case .xml: body = xml()
        }
        return Response.text(body, contentType: format.contentType)
    }
}
