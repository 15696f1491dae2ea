import Foundation
import XNATImport

/// What the `sluice user` commands do once their arguments are parsed; tests call it directly.
///
/// The operator at the console may do anything, so these call ``AccountService`` without a requester.
struct UserAdministration {
    var accounts: AccountService
    /// Writes one line of output.
    var write: (String) -> Void

    func add(_ registration: UserRegistration) async throws {
        let profile = try await accounts.createUser(registration)
        write("Created the user \(profile.login)\(profile.user.isAdministrator ? " (administrator)" : "")")
    }

    func changePassword(login: String, to password: String) async throws {
        try await accounts.changePassword(login: login, to: password)
        write("Changed the password of \(login)")
    }

    func setEnabled(_ enabled: Bool, login: String) async throws {
        try await accounts.setEnabled(enabled, login: login)
        write(enabled ? "Enabled \(login)" : "Disabled \(login); its sessions ended and its alias tokens were removed")
    }

    /// One tab-separated line per user after a header: login, role, status, e-mail, name, last login.
    func list(now: Date = Date()) async throws {
        write(["LOGIN", "ROLE", "STATUS", "EMAIL", "NAME", "LAST_LOGIN"].joined(separator: "\t"))
        for profile in try await accounts.userProfiles() {
            let status: String
            if !profile.isEnabled {
                status = "disabled"
            } else if profile.isLocked(at: now), let until = profile.lockedUntil {
                status = "locked until " + until.formatted(.iso8601)
            } else {
                status = "enabled"
            }
            let name = [profile.firstName, profile.lastName].filter { !$0.isEmpty }.joined(separator: " ")
            let fields = [
                profile.login, profile.user.isAdministrator ? "admin" : "user", status,
                profile.email.isEmpty ? "-" : profile.email, name.isEmpty ? "-" : name,
                profile.lastSuccessfulLogin.map { $0.formatted(.iso8601) } ?? "never",
            ]
            write(fields.joined(separator: "\t"))
        }
    }
}
