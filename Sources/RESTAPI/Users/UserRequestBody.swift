import Foundation
import Hummingbird
import XNATImport

/// The JSON body of `POST /xapi/users` and `PUT /xapi/users/{username}`: the writable members of XNAT's `User`
/// model. Other members (`verified`, `id`, …) are accepted and ignored.
struct UserRequestBody: Decodable {
    /// The largest body read; a real one is well under a kilobyte.
    static let maximumBodySize = 64 * 1024

    var username: String?
    var password: String?
    var email: String?
    var firstName: String?
    var lastName: String?
    var enabled: Bool?

    /// Reads and decodes the body; anything but a JSON object with these members is a 400.
    init(request: Request) async throws {
        let body = String(buffer: try await request.body.collect(upTo: Self.maximumBodySize))
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(body.utf8))
        } catch {
            throw HTTPError(.badRequest, message: "The body must be a JSON user object")
        }
    }

    /// The account `POST /xapi/users` creates; a missing username is a 400.
    func registration() throws -> UserRegistration {
        guard let username, !username.isEmpty else {
            throw AccountError(.invalidLogin, message: "The user needs a username")
        }
        return UserRegistration(
            login: username,
            password: password ?? "",
            email: email ?? "",
            firstName: firstName ?? "",
            lastName: lastName ?? "",
            isEnabled: enabled ?? true
        )
    }

    /// The changes `PUT /xapi/users/{login}` makes; a different `username` in the body is a 400, as in XNAT.
    func changes(forLogin login: String) throws -> UserProfileChanges {
        if let username, !username.isEmpty, username != login {
            throw HTTPError(.badRequest, message: "The username in the body must match the one in the path")
        }
        return UserProfileChanges(
            email: email,
            firstName: firstName,
            lastName: lastName,
            isEnabled: enabled,
            password: password.flatMap { $0.isEmpty ? nil : $0 }
        )
    }
}
