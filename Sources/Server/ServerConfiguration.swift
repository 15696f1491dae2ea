import Logging
import MetadataDatabase
import RESTAPI
import XNATImport

/// Everything `sluice serve` is configured with, built once at startup by ``load(options:environment:)``.
///
/// Each target receives only its own section. Every key, its type, default and environment variable is listed
/// in `Docs/Configuration.md`.
package struct ServerConfiguration: Sendable, Equatable {
    /// `http.*`: where the HTTP server listens.
    package var http: HTTPConfiguration
    /// `storage.*`: the data directory and its folders.
    package var storage: StorageConfiguration
    /// `database.*`: the metadata database.
    package var database: DatabaseConfiguration
    /// `logging.*`: log output.
    package var logging: LoggingConfiguration
    /// `accounts.*`: the first administrator, login sessions and password hashing.
    package var accounts: AccountsConfiguration
    /// `site.id`: XNAT's site ID, the prefix of subject and experiment IDs; `nil` keeps the stored one (`SLUICE`).
    package var siteID: String?
    /// `prearchive.*`: file naming and the idle build.
    package var prearchive: PrearchiveConfiguration
    /// `pipelines.*`: the AutoRun command and webhook run after archiving.
    package var pipelines: PipelineConfiguration
    /// `dicom.*`: the default DICOM receiver (C-STORE SCP); off (port 0) unless set, `load` defaults it to 8104.
    package var dicom: DICOMReceiverConfiguration = DICOMReceiverConfiguration(port: 0)

    /// Creates a configuration from its sections; `sluice serve` uses ``load(options:environment:)`` instead.
    package init(
        http: HTTPConfiguration,
        storage: StorageConfiguration,
        database: DatabaseConfiguration,
        logging: LoggingConfiguration,
        accounts: AccountsConfiguration = AccountsConfiguration(),
        prearchive: PrearchiveConfiguration = PrearchiveConfiguration(),
        pipelines: PipelineConfiguration = PipelineConfiguration(),
        siteID: String? = nil
    ) {
        self.http = http
        self.storage = storage
        self.database = database
        self.logging = logging
        self.accounts = accounts
        self.prearchive = prearchive
        self.pipelines = pipelines
        self.siteID = siteID
    }
}

/// The `dicom` section: the default receiver, configured by flags and environment (more receivers live in the
/// database and are managed through `/xapi/dicomscp`).
package struct DICOMReceiverConfiguration: Sendable, Equatable {
    /// `dicom.port`: 0 disables the default receiver.
    package var port: Int
    /// `dicom.ae_title`.
    package var aeTitle: String

    /// Creates the section; XNAT ships AE `XNAT` on port 8104.
    package init(port: Int = 8104, aeTitle: String = "XNAT") {
        self.port = port
        self.aeTitle = aeTitle
    }
}

/// The `logging` section of the server configuration.
package struct LoggingConfiguration: Sendable, Equatable {
    /// The lowest level written to standard error (`logging.level`).
    package var level: Logger.Level

    /// Creates the section.
    package init(level: Logger.Level) {
        self.level = level
    }
}
