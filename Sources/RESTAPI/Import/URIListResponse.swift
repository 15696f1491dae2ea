import Hummingbird

/// The import service's answer (`xnat-import-spec.md` §1.6): `text/uri-list`, each URI followed by CRLF; an empty
/// body when nothing was imported.
enum URIListResponse {
    static func response(_ uris: [String], status: HTTPResponse.Status = .ok) -> Response {
        Response.text(uris.map { $0 + "\r\n" }.joined(), contentType: "text/uri-list", status: status)
    }
}
