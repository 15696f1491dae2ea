import Hummingbird
import XNATImport

/// XNAT's `show` operation of the alias token service (`AliasTokenRestlet`), under `/data` and `/REST`:
///
/// * `GET /data/services/tokens/show` — the caller's live tokens as a JSON array (``AliasTokenListDocument``);
/// * `GET /data/services/tokens/show/user/{login}` — another user's; administrators only (403 otherwise, 404 for
///   an unknown login).
///
/// Sluice keeps only a hash of each secret, so the listing has no `secret`; XNAT's shows it.
extension UserController {
    func addAliasTokenRoutes(to router: Router<AppRequestContext>) {
        for base in XNATPath.service("/services/tokens/show") {
            router.get(RouterPath(base)) { _, context in
                AliasTokenListDocument(tokens: try await accounts.aliasTokens(by: try context.requireUser())).response()
            }
            router.get(RouterPath(base + "/user/:login")) { _, context in
                let tokens = try await accounts.aliasTokens(
                    forLogin: try username(context, "login"),
                    by: try context.requireUser()
                )
                return AliasTokenListDocument(tokens: tokens).response()
            }
        }
    }
}
