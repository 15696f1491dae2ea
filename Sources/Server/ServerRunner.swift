import Foundation
import Logging
import MetadataDatabase
import RESTAPI
import ServiceLifecycle
import UnixSignals
import XNATImport

/// Runs the server for a loaded configuration: data folders, metadata database, the `admin` account, then the HTTP
/// app in a `ServiceGroup` that shuts down gracefully on SIGINT or SIGTERM.
struct ServerRunner {
    var configuration: ServerConfiguration
    /// Writes one line to standard error: how a generated `admin` password is shown.
    var announce: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func run(logger: Logger) async throws {
        let layout = configuration.storage.layout
        try layout.create()
        try await SQLiteMetadataStore.withStore(configuration: configuration.database, logger: logger) { store in
            if let siteID = configuration.siteID, try await store.siteID() != siteID {
                try await store.setSiteID(siteID)
                logger.notice("Set the site ID", metadata: ["site.id": "\(siteID)"])
            }
            let schemaVersion = try await store.schemaVersion()
            logger.info(
                "Starting Sluice",
                metadata: [
                    LogMetadataKey.version: "\(SluiceVersion.current)",
                    LogMetadataKey.dataDirectory: "\(layout.root.path)",
                    LogMetadataKey.schemaVersion: "\(schemaVersion)",
                ]
            )
            let services = AppServices(
                store: store,
                accounts: AccountService(store: store, configuration: configuration.accounts),
                dataFolders: layout,
                prearchive: configuration.prearchive,
                pipelines: configuration.pipelines,
                logger: logger
            )
            await services.archive.recover()
            try await AdministratorAccountSetup(accounts: services.accounts, announce: announce).run(logger: logger)
            let app = buildApplication(configuration: configuration.http, services: services, logger: logger)
            let serviceGroup = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [app, IdleSessionBuilder(archive: services.archive, logger: logger)],
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
            )
            try await serviceGroup.run()
        }
        logger.info("Sluice stopped")
    }
}
