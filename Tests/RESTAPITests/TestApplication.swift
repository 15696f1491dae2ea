import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MetadataDatabase
import RESTAPI
import Synchronization
import TestSupport
import XNATImport

/// A clock that tests move by hand, for session expiry.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = Mutex(start)
    }

    func now() -> Date {
        current.withLock { $0 }
    }

    func advance(by duration: Duration) {
        current.withLock { $0 = $0.adding(duration) }
    }
}

/// The accounts every test application starts with.
enum TestAccounts {
    static let administrator = (login: "admin", password: "admin-password")
    static let user = (login: "user", password: "user-password")

    /// `Authorization: Basic …` for a login and password.
    static func basic(_ login: String, _ password: String) -> HTTPFields {
        [.authorization: "Basic " + Data("\(login):\(password)".utf8).base64EncodedString()]
    }

    static var administratorHeaders: HTTPFields { basic(administrator.login, administrator.password) }
    static var userHeaders: HTTPFields { basic(user.login, user.password) }
}

/// Runs `body` with services on a fresh SQLite store in a temporary folder, holding `admin` (an administrator)
/// and `user` (not one); bcrypt runs at cost 4 to keep tests fast.
func withTestServices(
    clock: ManualClock? = nil,
    _ body: (AppServices) async throws -> Void
) async throws {
    let currentDate: @Sendable () -> Date
    if let clock {
        currentDate = { clock.now() }
    } else {
        currentDate = { Date() }
    }
    try await withTestStore { store, directory in
        let configuration = AccountsConfiguration(
            initialAdministratorPassword: TestAccounts.administrator.password,
            passwordHashCost: 4
        )
        let accounts = AccountService(
            store: store,
            configuration: configuration,
            currentDate: currentDate
        )
        _ = try await accounts.ensureAdministrator()
        try await accounts.createUser(
            login: TestAccounts.user.login,
            password: TestAccounts.user.password,
            isAdministrator: false
        )
        let dataFolders = DataFolderLayout(root: directory.appendingPathComponent("data", isDirectory: true))
        try dataFolders.create()
        try await body(
            AppServices(store: store, accounts: accounts, dataFolders: dataFolders, logger: Logger(label: "test"))
        )
    }
}

/// Runs `body` with a fresh, migrated store in a temporary folder and closes it afterwards.
func withTestStore(_ body: (SQLiteMetadataStore, URL) async throws -> Void) async throws {
    try await withTemporaryDirectory { directory in
        let database = DatabaseConfiguration(path: directory.appendingPathComponent("sluice.sqlite"))
        try await SQLiteMetadataStore.withStore(configuration: database, logger: Logger(label: "test")) { store in
            try await body(store, directory)
        }
    }
}

/// Runs `test` against the router of an application on test services (no sockets).
func withTestRouter(
    clock: ManualClock? = nil,
    logger: Logger = Logger(label: "test"),
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await withTestServices(clock: clock) { services in
        let app = buildApplication(
            configuration: HTTPConfiguration(host: "127.0.0.1", port: 0),
            services: services,
            logger: logger
        )
        try await app.test(.router, test)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The value of the cookie `name` that the response sets, if it sets one.
    func cookie(_ name: String) -> String? {
        for header in headers[values: .setCookie] where header.hasPrefix(name + "=") {
            let pair = header.prefix { $0 != ";" }
            return String(pair.dropFirst(name.count + 1))
        }
        return nil
    }
}
