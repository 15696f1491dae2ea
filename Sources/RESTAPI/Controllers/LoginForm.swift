import Hummingbird
import XNATImport

/// The fields of XNAT's form login, `username=U&password=P` (xnatpy, `curl -X PUT -d …`); `provider` is ignored.
///
/// The fields come from the body (`application/x-www-form-urlencoded`, whatever `Content-Type` says) or, failing
/// that, from the query string.
struct LoginForm {
    /// The largest login body read; a real one is well under a kilobyte.
    static let maximumBodySize = 64 * 1024

    var username: String
    var password: String

    init(request: Request) async throws {
        let body = String(buffer: try await request.body.collect(upTo: Self.maximumBodySize))
        let fields = URLEncodedFields.parse(body)
        let query = URLEncodedFields.parse(request.uri.query ?? "")
        guard let username = fields["username"] ?? query["username"],
            let password = fields["password"] ?? query["password"]
        else {
            throw AccountError.loginFailed
        }
        self.username = username
        self.password = password
    }
}
