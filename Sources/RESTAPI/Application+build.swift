import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import XNATImport

/// Builds the HTTP application: the router on an HTTP/1.1 server at `configuration.host`:`configuration.port`,
/// with `configuration.limits` applied: the upload size and body timeouts to the upload receiver, the caps on
/// unpacking to the importer, the head size to the router, and the idle timeout, head parser limits and connection
/// cap to the server.
///
/// The result is a ServiceLifecycle `Service`; `Server` runs it in its `ServiceGroup` and tests call `app.test(_:)`.
package func buildApplication(
    configuration: HTTPConfiguration,
    services: AppServices,
    logger: Logger
) -> some ApplicationProtocol {
    let limits = configuration.limits
    var services = services
    services.uploads.maximumSize = limits.maximumUploadSize
    services.imports.extractionLimits = limits.extraction
    let parserBytes = limits.parserHeaderBytes
    return Application(
        router: buildRouter(services: services, limits: limits),
        server: .http1AnsweringExpectContinue(
            configuration: HTTP1Channel.Configuration(
                idleTimeout: TimeAmount(limits.idleTimeout),
                httpDecoderConfiguration: .init(maxHeaderFieldSize: parserBytes, maxHeaderListSize: parserBytes)
            )
        ),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "Sluice",
            availableConnectionsDelegate: MaximumAvailableConnections(limits.maximumConnections, logger: logger)
        ),
        logger: logger
    )
}

/// Builds the router with every Sluice route and the middleware that logs requests, renders errors, refuses heads
/// over `limits.maximumHeaderBytes` and authenticates; uploads are read under `limits`' body timeouts.
///
/// Middleware applies to routes added after it, and to the not-found responder. The public routes come before
/// ``RequireAuthenticationMiddleware``: `GET /`, `GET /data/version`, `GET /xapi/siteConfig/buildInfo` (an
/// XNAT open URL), the form login `PUT|POST /data/services/auth` and the logout `DELETE /data/JSESSION`.
/// Everything else, unknown paths included, needs a login.
package func buildRouter(services: AppServices, limits: RequestLimits = RequestLimits()) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestLoggingMiddleware())
    router.add(middleware: ErrorResponseMiddleware())
    router.add(middleware: RequestHeadLimitMiddleware(maximumBytes: limits.maximumHeaderBytes))
    router.add(middleware: AuthenticationMiddleware(accounts: services.accounts))
    let authentication = AuthenticationController(accounts: services.accounts)
    ServerInfoController().addRoutes(to: router)
    authentication.addPublicRoutes(to: router)

    router.add(middleware: RequireAuthenticationMiddleware())
    router.add(middleware: CSRFMiddleware())
    router.add(middleware: AuditMiddleware(store: services.store))
    router.add(middleware: AccessMiddleware(access: services.access))
    authentication.addRoutes(to: router)
    ProjectController(projects: services.projects, access: services.access).addRoutes(to: router)
    ProjectAccessController(store: services.store).addRoutes(to: router)
    AuditController(store: services.store).addRoutes(to: router)
    SchemaController().addRoutes(to: router)
    SearchElementController().addRoutes(to: router)
    SiteConfigurationController(projects: services.projects).addRoutes(to: router)
    AliasTokenController(accounts: services.accounts).addRoutes(to: router)
    UserController(accounts: services.accounts).addRoutes(to: router)
    let uploads = UploadReceiver(
        stagingFolder: services.uploads.stagingFolder,
        maximumSize: services.uploads.maximumSize,
        bodyIdleTimeout: limits.bodyIdleTimeout,
        requestTimeout: limits.requestTimeout
    )
    ImportController(
        imports: services.imports,
        receiver: uploads,
        userCache: services.userCache,
        statuses: services.statuses
    ).addRoutes(to: router)
    UserCacheController(cache: services.userCache, receiver: uploads).addRoutes(to: router)
    StatusController(statuses: services.statuses).addRoutes(to: router)
    InboxRequestController(store: services.store).addRoutes(to: router)
    DirectArchiveController(archive: services.archive).addRoutes(to: router)
    PrearchiveController(archive: services.archive).addRoutes(to: router)
    PrearchiveOperationsController(prearchive: services.prearchive).addRoutes(to: router)
    PrearchiveContentController(prearchive: services.prearchive).addRoutes(to: router)
    ArchiveController(archive: services.archive).addRoutes(to: router)
    PipelineRunsController(store: services.store).addRoutes(to: router)
    ProjectAutoRunController(store: services.store).addRoutes(to: router)
    let experiments = ExperimentController(store: services.store)
    experiments.addRoutes(to: router)
    let archiveReads = ArchiveReadController(services: services)
    archiveReads.addRoutes(to: router)
    RefreshCatalogController(editor: services.archiveEditor).addRoutes(to: router)
    ArchiveWriteController(
        editor: services.archiveEditor,
        lookup: archiveReads,
        status: experiments,
        receiver: uploads
    ).addRoutes(to: router)
    if let dicomReceivers = services.dicomReceivers {
        DICOMReceiverController(receivers: dicomReceivers).addRoutes(to: router)
    }
    return router
}
