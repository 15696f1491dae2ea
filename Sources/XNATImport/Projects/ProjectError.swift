/// Why a project could not be created, found or changed.
package struct ProjectError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    package enum Kind: Sendable, Equatable {
        /// The ID has a character other than letters, digits, `_` and `-`, or is empty or too long.
        case invalidID
        /// There is no project with this ID.
        case notFound
        /// The user may not do this (only administrators create and configure projects).
        case notPermitted
        /// A new ID, name or secondary ID equals another project's ID, name or secondary ID, ignoring case.
        case conflict
        /// A prearchive code other than 0, 4 or 5.
        case invalidPrearchiveCode
    }

    /// What went wrong.
    package var kind: Kind
    /// A sentence for the log and the response body.
    package var message: String

    /// Creates an error.
    package init(_ kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    package var description: String {
        message
    }
}
