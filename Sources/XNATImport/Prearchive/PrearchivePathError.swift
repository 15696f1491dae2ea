/// A name that cannot be used as a folder or file name in the prearchive.
package struct PrearchivePathError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which part of a path the name was for.
    package enum Role: String, Sendable, Equatable {
        /// A project ID, the first folder level.
        case project = "project"
        /// A timestamp folder name.
        case timestamp = "timestamp"
        /// A session folder name.
        case folder = "session folder"
        /// A scan ID, the folder under `SCANS/`.
        case scan = "scan ID"
    }

    /// Which part of a path the name was for.
    package var role: Role
    /// The name as given.
    package var name: String

    /// Creates the error.
    package init(role: Role, name: String) {
        self.role = role
        self.name = name
    }

    /// `invalid <role> name "<name>"`, on one line.
    package var description: String {
        "invalid \(role.rawValue) name \"\(name.debugDescription.dropFirst().dropLast())\""
    }
}
