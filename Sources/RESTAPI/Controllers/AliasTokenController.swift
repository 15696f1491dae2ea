import Foundation
import Hummingbird
import Logging
import XNATImport

/// XNAT's alias token service (`AliasTokenRestlet`; `xnat-clients.md` §1.2, §8), under `/data` and `/REST`:
///
/// * `GET /data/services/tokens/issue` — a new token for the logged-in user, as JSON (``AliasTokenDocument``);
/// * `GET /data/services/tokens/issue/user/{login}` — a token for `login`; administrators only, unless it is the
///   user's own login (403 otherwise, 404 for an unknown login);
/// * `GET /data/services/tokens/validate/{alias}/{secret}` — `{"valid":"<login>"}` while the token logs in,
///   `{"valid":null}` for a wrong secret or an expired token;
/// * `GET /data/services/tokens/invalidate/{alias}/{secret}` — removes the token: `{"result":"OK"}`.
///
/// `validate` and `invalidate` answer 404 for an unknown alias and 403 for another user's token unless the caller is
/// an administrator. Any `format` answers JSON. Logging in with a token is the authentication middleware's job.
struct AliasTokenController {
    let accounts: AccountService

    func addRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.service("/services/tokens") {
            router.get(RouterPath(base + "/issue")) { _, context in
                try await issue(forLogin: nil, context)
            }
            router.get(RouterPath(base + "/issue/user/:login")) { _, context in
                try await issue(forLogin: try parameter("login", context), context)
            }
            router.get(RouterPath(base + "/validate/:alias/:secret")) { _, context in
                let user = try await accounts.validateAliasToken(
                    alias: try parameter("alias", context),
                    secret: try parameter("secret", context),
                    by: try context.requireUser()
                )
                let valid = user.map { JSONText.quoted($0.login) } ?? "null"
                return Response.text(#"{"valid":"# + valid + "}", contentType: ResultSetFormat.json.contentType)
            }
            router.get(RouterPath(base + "/invalidate/:alias/:secret")) { _, context in
                let user = try context.requireUser()
                try await accounts.invalidateAliasToken(alias: try parameter("alias", context), by: user)
                context.logger.info("Invalidated an alias token", metadata: [LogMetadataKey.login: "\(user.login)"])
                return Response.text(#"{"result":"OK"}"#, contentType: ResultSetFormat.json.contentType)
            }
        }
    }

    private func issue(forLogin login: String?, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let issued = try await accounts.issueAliasToken(forLogin: login, by: user)
        // The login is the token's user, who differs from the caller when an administrator issues for someone else.
        context.logger.info("Issued an alias token", metadata: [LogMetadataKey.login: "\(issued.token.user.login)"])
        return AliasTokenDocument(issued: issued).response()
    }

    /// The path segment `name`, percent-decoded.
    private func parameter(_ name: String, _ context: AppRequestContext) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
