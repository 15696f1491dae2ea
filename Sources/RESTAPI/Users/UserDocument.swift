import Hummingbird
import XNATImport

/// A user as XNAT's `/xapi/users` answers it: its `User` model in JSON, without password or salt.
///
/// ```
/// {"username":"jdoe","firstName":"Jane","lastName":"Doe","email":"jdoe@example.org","enabled":true,
///  "verified":true,"secured":true,"lastSuccessfulLogin":1700000000000}
/// ```
///
/// `verified` is always true (Sluice sends no verification e-mails); `lastSuccessfulLogin` is milliseconds since
/// 1970, or `null` before the first password login.
struct UserDocument {
    var profile: UserProfile

    /// The JSON object.
    func json() -> String {
        let lastLogin = profile.lastSuccessfulLogin.map { String($0.millisecondsSince1970) } ?? "null"
        return #"{"username":"# + JSONText.quoted(profile.login)
            + #","firstName":"# + JSONText.quoted(profile.firstName)
            + #","lastName":"# + JSONText.quoted(profile.lastName)
            + #","email":"# + JSONText.quoted(profile.email)
            + #","enabled":"# + String(profile.isEnabled) + #","verified":true,"secured":true"#
            + #","lastSuccessfulLogin":"# + lastLogin + "}"
    }

    /// A JSON response with `status`.
    func response(status: HTTPResponse.Status = .ok) -> Response {
        Response.text(json(), contentType: ResultSetFormat.json.contentType, status: status)
    }

    /// A JSON array of profiles (`GET /xapi/users/profiles`).
    static func list(_ profiles: [UserProfile]) -> Response {
        let items = profiles.map { UserDocument(profile: $0).json() }
        return Response.text("[" + items.joined(separator: ",") + "]", contentType: ResultSetFormat.json.contentType)
    }

    /// A JSON array of logins (`GET /xapi/users`).
    static func logins(_ logins: [String]) -> Response {
        let items = logins.map(JSONText.quoted)
        return Response.text("[" + items.joined(separator: ",") + "]", contentType: ResultSetFormat.json.contentType)
    }
}
