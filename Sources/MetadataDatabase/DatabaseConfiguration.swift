import Foundation

/// The `database` section of the server configuration.
package struct DatabaseConfiguration: Sendable, Equatable {
    /// The SQLite database file (`database.path`); created with its folder if missing.
    package var path: URL

    /// Creates the section for a database file.
    package init(path: URL) {
        self.path = path
    }
}
