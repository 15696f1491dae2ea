import Foundation

/// One entry of the audit log (issue 8): who did what to which path, and how it was answered.
package struct AuditEvent: Sendable, Equatable {
    /// What kind of thing was done.
    package enum Action: String, Sendable, CaseIterable {
        /// Data imported (`/services/import`, DICOM receivers).
        case `import`
        /// A prearchive session archived (`/services/archive`, `action=commit`, direct archive).
        case archive
        /// A prearchive session moved to another project.
        case move
        /// Something deleted.
        case delete
        /// Anything else changed: objects, files, settings, roles, users.
        case change
        /// Files read: a file, or a zip of a resource, scan or session.
        case download
    }

    /// The store's ID; 0 before it is stored.
    package var id: Int
    /// When.
    package var time: Date
    /// Who.
    package var login: String
    /// What kind of thing.
    package var action: Action
    /// The HTTP method.
    package var method: String
    /// The path and query of the request.
    package var target: String
    /// The HTTP status answered.
    package var status: Int

    /// An event with the given values.
    package init(id: Int = 0, time: Date, login: String, action: Action, method: String, target: String, status: Int) {
        self.id = id
        self.time = time
        self.login = login
        self.action = action
        self.method = method
        self.target = target
        self.status = status
    }

    /// The action a request is, or `nil` for one the log leaves out (reads that download nothing, logins).
    package static func action(method: String, path: String, query: String) -> Action? {
        let lowered = query.lowercased()
        switch method {
        case "GET", "HEAD":
            let downloads = lowered.contains("format=zip") || path.contains("/files/")
                || (path.contains("/prearchive/projects/") && lowered.contains("format=zip"))
            return downloads && !path.contains("/user/cache/") ? .download : nil
        case "DELETE":
            return path.hasSuffix("/JSESSION") ? nil : .delete
        case "PUT", "POST":
            if path.hasSuffix("/services/auth") || path.hasSuffix("/JSESSION") || path.contains("/status/") { return nil }
            if path.hasSuffix("/services/import") { return .import }
            if path.hasSuffix("/services/archive") || lowered.contains("action=commit")
                || path.contains("/xapi/direct-archive/")
            {
                return .archive
            }
            if path.hasSuffix("/services/prearchive/move") || lowered.contains("action=move") { return .move }
            if path.hasSuffix("/services/prearchive/delete") { return .delete }
            return .change
        default:
            return nil
        }
    }
}
