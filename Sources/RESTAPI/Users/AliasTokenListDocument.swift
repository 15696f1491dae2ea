import Hummingbird
import XNATImport

/// A user's alias tokens as `GET /data/services/tokens/show` answers them: a JSON array of XNAT's `AliasToken`
/// beans without the secret, which Sluice does not keep (``AliasTokenDocument`` has the members).
///
/// ```
/// [{"alias":"4a0177cf-…","xdatUserId":"admin","estimatedExpirationTime":1700172800000,"singleUse":false,
///   "enabled":true,"validIPAddresses":[],"created":1700000000000,"timestamp":1700000000000}]
/// ```
struct AliasTokenListDocument {
    var tokens: [AliasToken]

    /// The JSON array, oldest token first.
    func json() -> String {
        let items = tokens.map { token in
            let created = String(token.createdAt.millisecondsSince1970)
            return #"{"alias":"# + JSONText.quoted(token.alias) + #","xdatUserId":"# + JSONText.quoted(token.user.login)
                + #","estimatedExpirationTime":"# + String(token.expiresAt.millisecondsSince1970)
                + #","singleUse":false,"enabled":true,"validIPAddresses":[],"created":"# + created
                + #","timestamp":"# + created + "}"
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    /// A 200 JSON response.
    func response() -> Response {
        Response.text(json(), contentType: ResultSetFormat.json.contentType)
    }
}
