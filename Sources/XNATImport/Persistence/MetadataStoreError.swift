/// Why the metadata store could not do what was asked.
package struct MetadataStoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, without the details.
    package enum Kind: Sendable, Equatable {
        /// The bundled migrations are missing or misnamed.
        case migrationsUnreadable
        /// A migration failed; it was rolled back.
        case migrationFailed(version: Int)
        /// The database was written by a newer Sluice than this one.
        case schemaTooNew(databaseVersion: Int, supportedVersion: Int)
        /// The database file opened but is not as Sluice needs it (no WAL mode, a required row missing).
        case unusable
    }

    /// What went wrong.
    package var kind: Kind
    /// A sentence for the log.
    package var message: String
    /// The lower-level error, if any (for example an `SQLiteError`).
    package var underlying: (any Error)?

    /// Creates an error; `message` is one sentence without a trailing period.
    package init(_ kind: Kind, message: String, underlying: (any Error)? = nil) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    /// The message, followed by the underlying error if there is one.
    package var description: String {
        if let underlying {
            return "\(message): \(underlying)"
        }
        return message
    }
}
