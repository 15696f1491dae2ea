import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import XNATImport

/// Runs `test` against the router of an application whose accounts lock after `maximumFailedLogins` failures for
/// `lockout`, holding `admin` and `user` as ``withTestRouter(clock:logger:_:)`` does.
func withLockoutTestRouter(
    clock: ManualClock,
    maximumFailedLogins: Int = 3,
    lockout: Duration = .seconds(60),
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await withTestStore { store, directory in
        let accounts = AccountService(
            store: store,
            configuration: AccountsConfiguration(
                initialAdministratorPassword: TestAccounts.administrator.password,
                passwordHashCost: 4,
                maximumFailedLogins: maximumFailedLogins,
                lockoutDuration: lockout
            ),
            currentDate: { clock.now() }
        )
        _ = try await accounts.ensureAdministrator()
        try await accounts.createUser(
            login: TestAccounts.user.login,
            password: TestAccounts.user.password,
            isAdministrator: false
        )
        let dataFolders = DataFolderLayout(root: directory.appendingPathComponent("data", isDirectory: true))
        try dataFolders.create()
        let services = AppServices(
            store: store,
            accounts: accounts,
            dataFolders: dataFolders,
            logger: Logger(label: "test")
        )
        let app = buildApplication(
            configuration: HTTPConfiguration(host: "127.0.0.1", port: 0),
            services: services,
            logger: Logger(label: "test")
        )
        try await app.test(.router, test)
    }
}

extension TestClientProtocol {
    /// Sends `json` as the body with `Content-Type: application/json`.
    func executeJSON(
        uri: String,
        method: HTTPRequest.Method,
        headers: HTTPFields = TestAccounts.administratorHeaders,
        _ json: String
    ) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json))
    }

    /// The form login `PUT /data/services/auth`.
    func formLogin(_ login: String, _ password: String) async throws -> TestResponse {
        try await execute(
            uri: "/data/services/auth",
            method: .put,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "username=\(login)&password=\(password)")
        )
    }
}
