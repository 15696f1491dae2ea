/// What ``AccountService/ensureAdministrator()`` found or did.
package enum AdministratorSetup: Sendable, Equatable {
    /// The `admin` account existed already; nothing changed.
    case existing
    /// The `admin` account was created with the configured password.
    case created
    /// The `admin` account was created with this generated password, which must be shown to the operator once.
    case createdWithGeneratedPassword(String)
}

extension AccountService {
    /// The login of the account created on first start.
    package static let administratorLogin = "admin"
    /// The length of a generated administrator password (about 140 bits).
    package static let generatedPasswordLength = 24

    /// Creates the `admin` account if there is none, with the configured password or a generated one.
    ///
    /// An existing `admin` is left alone, even when `SLUICE_ADMIN_PASSWORD` differs from its password.
    package func ensureAdministrator() async throws -> AdministratorSetup {
        let login = Self.administratorLogin
        if try await store.userAccount(login: login) != nil {
            return .existing
        }
        let configured = configuration.initialAdministratorPassword.flatMap { $0.isEmpty ? nil : $0 }
        let password = configured ?? RandomToken.password(length: Self.generatedPasswordLength)
        do {
            try await createUser(login: login, password: password, isAdministrator: true)
        } catch let error as AccountError where error.kind == .loginTaken {
            // Another process created it between our look-up and our insert.
            return .existing
        }
        return configured == nil ? .createdWithGeneratedPassword(password) : .created
    }
}
