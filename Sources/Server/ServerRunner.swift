import Foundation
import Logging
import MetadataDatabase
import RESTAPI
import ServiceLifecycle
import UnixSignals
import XNATImport

/// Runs the server for a loaded configuration: data folders, metadata database, then the HTTP app in a
/// `ServiceGroup` that shuts down gracefully on SIGINT or SIGTERM.
struct ServerRunner {
    var configuration: ServerConfiguration

    func run(logger: Logger) async throws {
        let layout = configuration.storage.layout
        try layout.create()
        try await SQLiteMetadataStore.withStore(configuration: configuration.database, logger: logger) { store in
            let schemaVersion = try await store.schemaVersion()
            logger.info(
                "Starting Sluice",
                metadata: [
                    LogMetadataKey.version: "\(SluiceVersion.current)",
                    LogMetadataKey.dataDirectory: "\(layout.root.path)",
                    LogMetadataKey.schemaVersion: "\(schemaVersion)",
                ]
            )
            let app = buildApplication(configuration: configuration.http, logger: logger)
            let serviceGroup = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [app],
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
            )
            try await serviceGroup.run()
        }
        logger.info("Sluice stopped")
    }
}
