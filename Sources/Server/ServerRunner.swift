import DICOMNetwork
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
            var services = AppServices(
                store: store,
                accounts: AccountService(store: store, configuration: configuration.accounts),
                dataFolders: layout,
                prearchive: configuration.prearchive,
                pipelines: configuration.pipelines,
                logger: logger
            )
            // Startup recovery (Docs/Reliability.md): what a crash left in staging and temporary files goes first,
            // then interrupted archives are finished or rolled back, then prearchive rows and folders agree again.
            let recovery = DataFolderRecovery(layout: layout, store: store, logger: logger)
            _ = try? await BlockingWork.run { recovery.removeTemporaryFiles() }
            await services.archive.recover()
            await recovery.reconcilePrearchive()
            try await AdministratorAccountSetup(accounts: services.accounts, announce: announce).run(logger: logger)
            let receivers = try await startDICOMReceivers(&services, logger: logger)
            let app = buildApplication(configuration: configuration.http, services: services, logger: logger)
            let serviceGroup = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [app, IdleSessionBuilder(archive: services.archive, logger: logger), receivers],
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
            )
            try await serviceGroup.run()
        }
        logger.info("Sluice stopped")
    }

    /// The DICOM receivers: the configured default one (unless its port is 0) and the enabled ones in the
    /// database; `/xapi/dicomscp` manages the latter through `services.dicomReceivers`.
    private func startDICOMReceivers(_ services: inout AppServices, logger: Logger) async throws -> DICOMReceiverGroup {
        let group = DICOMReceiverGroup(
            host: configuration.http.host,
            stagingFolder: configuration.storage.layout.staging,
            logger: logger
        )
        let dicom = configuration.dicom
        if dicom.port != 0 {
            try await group.start(
                id: "default",
                port: dicom.port,
                policy: AssociationPolicy(aeTitle: dicom.aeTitle),
                store: PrearchiveInstanceStore(imports: services.imports, routing: ReceiverRouting(), logger: logger)
            )
        }
        let receivers = DICOMReceiverService(
            store: services.store,
            control: ListenerReceiverControl(group: group, imports: services.imports, logger: logger)
        )
        services.dicomReceivers = receivers
        for (receiver, error) in try await receivers.startEnabled() {
            logger.error(
                "Could not start DICOM receiver \(receiver.aeTitle) on port \(receiver.port)",
                metadata: ["dicom.reason": "\(error)"]
            )
        }
        return group
    }
}
