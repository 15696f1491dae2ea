import XNATImport

/// The domain services the routes call, built once at startup from the metadata store.
package struct AppServices: Sendable {
    /// The metadata store the services use.
    package var store: any MetadataStore
    /// Accounts and login sessions.
    package var accounts: AccountService
    /// Projects.
    package var projects: ProjectService

    /// Creates the services from their parts (tests swap a clock into `accounts`).
    package init(store: any MetadataStore, accounts: AccountService, projects: ProjectService) {
        self.store = store
        self.accounts = accounts
        self.projects = projects
    }

    /// Creates every service on `store`.
    package init(store: any MetadataStore, accounts configuration: AccountsConfiguration) {
        self.init(
            store: store,
            accounts: AccountService(store: store, configuration: configuration),
            projects: ProjectService(store: store)
        )
    }
}
