import Foundation
import Logging
import XNATImport

/// The domain services the routes call, built once at startup from the metadata store and the data folders.
package struct AppServices: Sendable {
    /// The metadata store the services use.
    package var store: any MetadataStore
    /// Accounts and login sessions.
    package var accounts: AccountService
    /// Projects.
    package var projects: ProjectService
    /// `POST /data/services/import`.
    package var imports: ImportService
    /// Where uploads are staged and how large they may be.
    package var uploads: UploadConfiguration
    /// The DICOM receivers of `/xapi/dicomscp`; `nil` (no such routes) unless the server sets it.
    package var dicomReceivers: DICOMReceiverService?
    /// Each user's upload cache (`/data/user/cache`, import `src`).
    package var userCache: UserCacheService
    /// Progress messages of imports with `http-session-listener` (`/data/status`, `/xapi/event_tracking`).
    package var statuses: StatusRegistry

    /// The prearchive the importer writes to.
    package var prearchive: PrearchiveService { imports.prearchive }
    /// The archive committed sessions go to.
    package var archive: ArchiveService { imports.archive }
    /// Project roles and the access checks (it holds no state of its own).
    package var access: AccessService { AccessService(store: store) }
    /// The REST writes into the archive (it holds no state of its own).
    package var archiveEditor: ArchiveEditor { ArchiveEditor(archive: archive) }

    /// Creates the services from their parts (tests swap a clock into `accounts`).
    package init(
        store: any MetadataStore,
        accounts: AccountService,
        projects: ProjectService,
        imports: ImportService,
        uploads: UploadConfiguration,
        userCache: UserCacheService,
        statuses: StatusRegistry = StatusRegistry()
    ) {
        self.store = store
        self.accounts = accounts
        self.projects = projects
        self.imports = imports
        self.uploads = uploads
        self.userCache = userCache
        self.statuses = statuses
    }

    /// Creates every service on `store`, keeping files in `dataFolders`; `pipelines` are the site's AutoRun actions
    /// run after archiving (none by default), besides the projects' webhooks.
    package init(
        store: any MetadataStore,
        accounts: AccountService,
        dataFolders: DataFolderLayout,
        prearchive configuration: PrearchiveConfiguration = PrearchiveConfiguration(),
        pipelines: PipelineConfiguration = .init(),
        maximumUploadSize: Int64? = nil,
        logger: Logger
    ) {
        let prearchive = PrearchiveService(
            store: store,
            layout: PrearchiveLayout(dataFolders: dataFolders),
            configuration: configuration,
            logger: logger
        )
        let archive = ArchiveService(
            prearchive: prearchive,
            layout: ArchiveLayout(root: dataFolders.archive),
            // Always a runner, even with no site actions: a project may set a webhook at any time.
            pipelines: PipelineRunner(
                configuration: pipelines,
                store: store,
                postWebhook: PipelineWebhookClient.post,
                logger: logger
            ),
            logger: logger
        )
        self.init(
            store: store,
            accounts: accounts,
            projects: ProjectService(store: store),
            imports: ImportService(archive: archive, stagingFolder: dataFolders.staging, inboxFolder: dataFolders.inbox),
            uploads: UploadConfiguration(stagingFolder: dataFolders.staging, maximumSize: maximumUploadSize),
            userCache: UserCacheService(cacheFolder: dataFolders.cache)
        )
    }
}

/// Where request bodies are staged (the data directory's `staging/`, on the prearchive's file system so files
/// are renamed into place) and the largest body accepted (`nil`: no limit but the disk).
package struct UploadConfiguration: Sendable {
    /// The staging folder.
    package var stagingFolder: URL
    /// The largest upload in bytes, or `nil`.
    package var maximumSize: Int64?

    /// Creates the configuration.
    package init(stagingFolder: URL, maximumSize: Int64? = nil) {
        self.stagingFolder = stagingFolder
        self.maximumSize = maximumSize
    }
}
