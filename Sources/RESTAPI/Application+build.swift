import Hummingbird
import Logging

/// Builds the HTTP application: the router on an HTTP/1.1 server at `configuration.host`:`configuration.port`.
///
/// The result is a ServiceLifecycle `Service`; `Server` runs it in its `ServiceGroup` and tests call `app.test(_:)`.
package func buildApplication(configuration: HTTPConfiguration, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "Sluice"
        ),
        logger: logger
    )
}

/// Builds the router with every Sluice route and the middleware that logs requests and renders errors.
package func buildRouter() -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // Middleware applies to routes added after it, and to the not-found responder.
    router.add(middleware: RequestLoggingMiddleware())
    router.add(middleware: ErrorResponseMiddleware())
    ServerInfoController().addRoutes(to: router)
    return router
}
