import Hummingbird
import XNATImport

/// What a route requires of the caller (issue 8). Every route has one: ``AccessRules/rule(for:path:)`` gives it,
/// ``AccessMiddleware`` enforces it, and a test checks that no route of the router is without one.
package enum AccessRule: Sendable, Equatable {
    /// No login needed (registered before the login check).
    case anyone
    /// Any logged-in user; the handler limits what is shown or done to what the user may (listings filtered by
    /// project, private status lists, one's own cache, services that name their projects in parameters).
    case loggedIn
    /// Site administrators only.
    case administrator
    /// A permission in the project the path names: by `{project}`, or by the project of the `{experiment}` or
    /// `{subject}` ID.
    case project(ProjectPermission)
}

/// The rule of every route, from its method and path pattern (`context.endpointPath`, such as
/// `/data/projects/{project}/subjects/{subject}`). The `/data`, `/REST`, `/data/archive` and `/REST/archive`
/// spellings of a path share one rule.
package enum AccessRules {
    /// The rule for `method` on the route pattern `path`; `nil` when the table has none (a mistake the tests catch;
    /// the middleware then refuses the request).
    package static func rule(for method: HTTPRequest.Method, path: String) -> AccessRule? {
        let path = normalized(path)
        let key = "\(method.rawValue) \(path)"
        if let rule = exact[key] { return rule }
        if let rule = loggedInPrefixes.first(where: { path == $0 || path.hasPrefix($0 + "/") }).map({ _ in AccessRule.loggedIn }) {
            return rule
        }
        return projectRule(method, path)
    }

    /// `path` without its `/data`, `/REST`, `/data/archive` or `/REST/archive` prefix.
    static func normalized(_ path: String) -> String {
        for prefix in ["/data/archive", "/REST/archive", "/data", "/REST"] where path == prefix || path.hasPrefix(prefix + "/") {
            let rest = String(path.dropFirst(prefix.count))
            return rest.isEmpty ? "/" : rest
        }
        return path
    }

    private static let exact: [String: AccessRule] = [
        "GET /": .anyone, "GET /version": .anyone, "GET /xapi/siteConfig/buildInfo": .anyone,
        "PUT /services/auth": .anyone, "POST /services/auth": .anyone, "DELETE /JSESSION": .anyone,
        "GET /JSESSION": .loggedIn, "POST /JSESSION": .loggedIn, "GET /auth": .loggedIn,
        // Listings filtered to the projects the caller may read (or edit, for the prearchive).
        "GET /projects": .loggedIn, "GET /experiments": .loggedIn, "GET /subjects": .loggedIn,
        "GET /prearchive": .loggedIn, "GET /prearchive/projects": .loggedIn,
        "GET /prearchive/projects/{project}": .loggedIn,  // `P1,P2` lists several; filtered like the others
        "GET /xapi/direct-archive": .loggedIn, "POST /xapi/direct-archive": .loggedIn,
        // Creating a project is for administrators; the handler lets owners update theirs.
        "PUT /projects/{project}": .loggedIn,
        // Services naming their projects in parameters check each one themselves.
        "POST /services/import": .loggedIn, "GET /services/import": .loggedIn, "PUT /services/import": .loggedIn,
        "DELETE /services/import": .loggedIn, "POST /services/archive": .loggedIn,
        "POST /services/prearchive/move": .loggedIn, "POST /services/prearchive/delete": .loggedIn,
        "POST /services/prearchive/rebuild": .loggedIn, "POST /services/refresh/catalog": .loggedIn,
        "GET /services/refresh/catalog": .loggedIn,
        // A user's own inbox requests (administrators: anyone's).
        "GET /xapi/dicom/{id}": .loggedIn,
    ]

    /// Subtrees any logged-in user may call; the handlers keep each user to their own data.
    private static let loggedInPrefixes = [
        "/config", "/search/elements", "/xapi/schemas", "/services/tokens", "/status", "/xapi/event_tracking",
        "/user/cache", "/xapi/users",
    ]

    /// Rules for paths below a project, experiment or subject.
    private static func projectRule(_ method: HTTPRequest.Method, _ path: String) -> AccessRule? {
        if path == "/xapi/audit" { return .administrator }
        if path.hasPrefix("/xapi/dicomscp") { return method == .get ? .loggedIn : .administrator }
        if path.hasPrefix("/xapi/direct-archive/{project}") { return .project(.edit) }
        if path.hasPrefix("/prearchive/projects/{project}") { return .project(.edit) }
        let scoped = ["/projects/{project}", "/experiments/{experiment}", "/subjects/{subject}"]
        guard scoped.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return nil }
        let below = path.hasPrefix("/projects/{project}/") ? path.dropFirst("/projects/{project}".count) : ""
        // AutoRun webhooks receive the project's sessions, and quarantine is a site decision: administrators only.
        if below.hasPrefix("/autorun") { return .administrator }
        if below.hasPrefix("/quarantine_code") { return method == .get ? .project(.read) : .administrator }
        let managed = ["/prearchive_code", "/users", "/accessibility"]
        if managed.contains(where: { below.hasPrefix($0) }) {
            return method == .get || method == .head ? .project(.read) : .project(.manage)
        }
        switch method {
        case .get, .head:
            return .project(.read)
        case .put, .post:
            return .project(.edit)
        case .delete:
            // Experiments, subjects and scans are deleted by owners; resources and files by anyone who edits.
            return path.hasSuffix("/resources/{resource}") || path.contains("/files") ? .project(.edit) : .project(.delete)
        default:
            return nil
        }
    }
}
