import Hummingbird
import XNATImport

/// The per-request context every Sluice route receives.
package struct AppRequestContext: RequestContext {
    /// Hummingbird's per-request state (logger, route parameters).
    package var coreContext: CoreRequestContextStorage
    /// Who sent the request, set by `AuthenticationMiddleware`; `nil` when the request carried no valid login.
    package var identity: RequestIdentity?

    /// Creates the context Hummingbird hands to each request.
    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
    }

    /// The logged-in user; throws ``AccountError`` (`authenticationRequired`) when there is none.
    package func requireUser() throws -> User {
        guard let identity else {
            throw AccountError.authenticationRequired
        }
        return identity.session.user
    }
}
