import Foundation
import Hummingbird
import Logging
import XNATImport

/// XNAT's user administration API (`UsersApi`, `/xapi/users`) and the alias token listing
/// (``addAliasTokenRoutes(to:)``). Who may do what is `AccountService`'s (`+UserAdministration`):
///
/// * `GET /xapi/users` — the logins as a JSON array; administrators only;
/// * `GET /xapi/users/profiles` — every profile (``UserDocument``); administrators only;
/// * `GET /xapi/users/{username}`, `GET /xapi/users/profile/{username}` — one profile: one's own, or anyone's for
///   administrators (403 for someone else's whether or not it exists; 404 for administrators);
/// * `GET /xapi/users/{username}/enabled` — `true` or `false`, under the same rule;
/// * `GET /xapi/users/username` — the caller's login as plain text (xnatctl);
/// * `POST /xapi/users` — creates an account from a JSON body: 201 and its profile, 409 if the login exists, 400 for
///   a bad login or no password; administrators only;
/// * `PUT /xapi/users/{username}` — changes the fields the JSON body gives (`email`, `firstName`, `lastName`,
///   `enabled`, `password`): 200 and the profile; administrators only;
/// * `PUT /xapi/users/{username}/enabled/{true|false}` — 200, empty body; administrators only.
struct UserController {
    let accounts: AccountService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/xapi/users") { _, context in
            UserDocument.logins(try await accounts.userLogins(by: try context.requireUser()))
        }
        router.get("/xapi/users/profiles") { _, context in
            UserDocument.list(try await accounts.userProfiles(by: try context.requireUser()))
        }
        router.get("/xapi/users/username") { _, context in
            Response.plainText(try context.requireUser().login)
        }
        router.get("/xapi/users/profile/:username") { _, context in
            try await profile(context)
        }
        router.get("/xapi/users/:username") { _, context in
            try await profile(context)
        }
        router.get("/xapi/users/:username/enabled") { _, context in
            let profile = try await accounts.userProfile(login: try username(context), by: try context.requireUser())
            return Response.text(String(profile.isEnabled), contentType: ResultSetFormat.json.contentType)
        }
        router.post("/xapi/users") { request, context in
            let requester = try context.requireUser()
            let registration = try await UserRequestBody(request: request).registration()
            let profile = try await accounts.createUser(registration, by: requester)
            log("Created a user", profile.login, by: requester, context)
            return UserDocument(profile: profile).response(status: .created)
        }
        router.put("/xapi/users/:username") { request, context in
            let requester = try context.requireUser()
            let login = try username(context)
            let changes = try await UserRequestBody(request: request).changes(forLogin: login)
            let profile = try await accounts.updateUser(login: login, changes: changes, by: requester)
            log("Changed a user", login, by: requester, context)
            return UserDocument(profile: profile).response()
        }
        router.put("/xapi/users/:username/enabled/:flag") { _, context in
            let requester = try context.requireUser()
            let login = try username(context)
            let flag = try context.parameters.require("flag").lowercased()
            guard flag == "true" || flag == "false" else {
                throw HTTPError(.badRequest, message: "The enabled flag must be true or false")
            }
            _ = try await accounts.setEnabled(flag == "true", login: login, by: requester)
            log(flag == "true" ? "Enabled a user" : "Disabled a user", login, by: requester, context)
            return Response.plainText("")
        }
        addAliasTokenRoutes(to: router)
    }

    private func profile(_ context: AppRequestContext) async throws -> Response {
        let profile = try await accounts.userProfile(login: try username(context), by: try context.requireUser())
        return UserDocument(profile: profile).response()
    }

    /// The path segment `username`, percent-decoded.
    func username(_ context: AppRequestContext, _ name: String = "username") throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    private func log(_ message: Logger.Message, _ login: String, by requester: User, _ context: AppRequestContext) {
        context.logger.info(
            message,
            metadata: [LogMetadataKey.login: "\(requester.login)", LogMetadataKey.subjectLogin: "\(login)"]
        )
    }
}
