import Hummingbird
import XNATImport

/// A newly issued alias token as XNAT's `GET /data/services/tokens/issue` answers it: its `AliasToken` bean in JSON
/// (`xnat-clients.md` §1.2). xnatpy and xnatutils read `alias` and `secret`; the other members are XNAT's.
///
/// ```
/// {"alias":"4a0177cf-…","secret":"…","xdatUserId":"admin","estimatedExpirationTime":1700172800000,
///  "singleUse":false,"enabled":true,"validIPAddresses":[],"created":1700000000000,"timestamp":1700000000000}
/// ```
///
/// Times are milliseconds since 1970, as XNAT's serializer writes dates.
struct AliasTokenDocument {
    var issued: IssuedAliasToken

    /// The JSON object, members in XNAT's order of importance.
    func json() -> String {
        let token = issued.token
        let created = String(token.createdAt.millisecondsSince1970)
        return #"{"alias":"# + JSONText.quoted(token.alias) + #","secret":"# + JSONText.quoted(issued.secret)
            + #","xdatUserId":"# + JSONText.quoted(token.user.login) + #","estimatedExpirationTime":"#
            + String(token.expiresAt.millisecondsSince1970) + #","singleUse":false,"enabled":true"#
            + #","validIPAddresses":[],"created":"# + created + #","timestamp":"# + created + "}"
    }

    /// A 200 JSON response.
    func response() -> Response {
        Response.text(json(), contentType: ResultSetFormat.json.contentType)
    }
}
