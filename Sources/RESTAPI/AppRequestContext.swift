import Hummingbird

/// The per-request context every Sluice route receives.
package struct AppRequestContext: RequestContext {
    /// Hummingbird's per-request state (logger, route parameters).
    package var coreContext: CoreRequestContextStorage

    /// Creates the context Hummingbird hands to each request.
    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}
