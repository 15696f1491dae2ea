import Foundation
import Logging
import MetadataDatabase
import RESTAPI
import XNATImport

extension ServerConfiguration {
    // MARK: - Defaults and environment variables

    /// Default of `http.host`: loopback only.
    package static let defaultHost = "127.0.0.1"
    /// Default of `http.port`.
    package static let defaultPort = 8080
    /// Default of `storage.data_dir`, relative to the working directory.
    package static let defaultDataDirectory = "./sluice-data"
    /// Default of `logging.level`.
    package static let defaultLogLevel = Logger.Level.info

    /// The environment variables `sluice serve` reads.
    package enum EnvironmentVariable {
        /// Sets `http.host`.
        package static let host = "SLUICE_HOST"
        /// Sets `http.port`.
        package static let port = "SLUICE_PORT"
        /// Sets `storage.data_dir`.
        package static let dataDirectory = "SLUICE_DATA_DIR"
        /// Sets `logging.level`.
        package static let logLevel = "SLUICE_LOG_LEVEL"
        /// Sets `accounts.initial_admin_password`; there is no flag, so the password never shows in `ps`.
        package static let administratorPassword = "SLUICE_ADMIN_PASSWORD"
        /// Sets `prearchive.idle_build_interval` in seconds (default 300): how long a RECEIVING session waits
        /// untouched before it is built.
        package static let idleBuildInterval = "SLUICE_IDLE_BUILD_SECONDS"
        /// Sets `site.id`: XNAT's site ID, the prefix of new subject and experiment IDs (default `SLUICE`).
        package static let siteID = "SLUICE_SITE_ID"
        /// Sets `pipelines.command`: an executable run after each archive with `triggerPipelines` (§6.6).
        package static let autoRunCommand = "SLUICE_AUTORUN_COMMAND"
        /// Sets `pipelines.webhook`: an http(s) URL posted to after each archive with `triggerPipelines` (§6.6).
        package static let autoRunWebhook = "SLUICE_AUTORUN_WEBHOOK"
        /// Sets `dicom.port`: the default DICOM receiver's port (8104; 0 disables it).
        package static let dicomPort = "SLUICE_DICOM_PORT"
        /// Sets `dicom.ae_title`: the default DICOM receiver's AE title (`XNAT`).
        package static let aeTitle = "SLUICE_AE_TITLE"
        /// Sets `accounts.max_failed_logins`: failed password logins in a row that lock an account (10; 0 never).
        package static let maximumFailedLogins = "SLUICE_MAX_FAILED_LOGINS"
        /// Sets `accounts.lockout_seconds`: how long a locked account refuses password logins (900).
        package static let lockoutSeconds = "SLUICE_LOCKOUT_SECONDS"
    }

    // MARK: - Loading

    /// Builds the configuration from `sluice serve` flags and the environment.
    ///
    /// For each setting a flag beats its environment variable, which beats the default; an empty variable counts as
    /// unset. Keys: `http.host` (`--host`, `SLUICE_HOST`, 127.0.0.1), `http.port` (`--port`, `SLUICE_PORT`, 8080,
    /// 0–65535), `storage.data_dir` (`--data-dir`, `SLUICE_DATA_DIR`, ./sluice-data, relative to the working
    /// directory), `database.path` (`<data_dir>/sluice.sqlite`, not settable), `logging.level` (`--log-level`,
    /// `SLUICE_LOG_LEVEL`, info; trace, debug, info, notice, warning, error or critical, any case),
    /// `accounts.initial_admin_password` (`SLUICE_ADMIN_PASSWORD` only, none: a password is generated and shown once),
    /// `accounts.session_timeout` (15 minutes, not settable), `accounts.password_hash_cost` (10, not settable),
    /// `accounts.max_failed_logins` (`SLUICE_MAX_FAILED_LOGINS`, 10; 0 never locks), `accounts.lockout_seconds`
    /// (`SLUICE_LOCKOUT_SECONDS`, 900),
    /// `pipelines.command` (`SLUICE_AUTORUN_COMMAND`, none; an executable file) and `pipelines.webhook`
    /// (`SLUICE_AUTORUN_WEBHOOK`, none; an http or https URL).
    package static func load(options: ServeOptions, environment: [String: String]) throws(ConfigurationError) -> Self {
        let sources = ValueSources(environment: environment)

        let host = sources.value(flag: options.host, name: "--host", variable: EnvironmentVariable.host)
        let port = sources.value(flag: options.port, name: "--port", variable: EnvironmentVariable.port)
        let dataDirectory = sources.value(
            flag: options.dataDirectory,
            name: "--data-dir",
            variable: EnvironmentVariable.dataDirectory
        )
        let logLevel = sources.value(
            flag: options.logLevel,
            name: "--log-level",
            variable: EnvironmentVariable.logLevel
        )

        let dicomPort = sources.value(
            flag: options.dicomPort,
            name: "--dicom-port",
            variable: EnvironmentVariable.dicomPort
        )
        let aeTitle = sources.value(flag: options.aeTitle, name: "--ae-title", variable: EnvironmentVariable.aeTitle)

        let storage = StorageConfiguration(
            dataDirectory: URL(fileURLWithPath: try parseDataDirectory(dataDirectory), isDirectory: true)
        )
        var configuration = ServerConfiguration(
            http: HTTPConfiguration(
                host: try parseHost(host),
                port: try parsePort(port),
                limits: try loadLimits(environment: environment)
            ),
            storage: storage,
            database: DatabaseConfiguration(path: storage.layout.metadataDatabase),
            logging: LoggingConfiguration(level: try parseLogLevel(logLevel)),
            accounts: AccountsConfiguration(
                initialAdministratorPassword: sources.value(
                    flag: nil,
                    name: "",
                    variable: EnvironmentVariable.administratorPassword
                )?.value
            ),
            prearchive: PrearchiveConfiguration(
                idleBuildInterval: try parseIdleBuildInterval(
                    sources.value(flag: nil, name: "", variable: EnvironmentVariable.idleBuildInterval)
                )
            ),
            pipelines: PipelineConfiguration(
                command: try parseAutoRunCommand(
                    sources.value(flag: nil, name: "", variable: EnvironmentVariable.autoRunCommand)
                ),
                webhook: try parseAutoRunWebhook(
                    sources.value(flag: nil, name: "", variable: EnvironmentVariable.autoRunWebhook)
                )
            ),
            siteID: try parseSiteID(sources.value(flag: nil, name: "", variable: EnvironmentVariable.siteID))
        )
        configuration.accounts.maximumFailedLogins = try parseMaximumFailedLogins(
            sources.value(flag: nil, name: "", variable: EnvironmentVariable.maximumFailedLogins)
        )
        configuration.accounts.lockoutDuration = try parseLockoutDuration(
            sources.value(flag: nil, name: "", variable: EnvironmentVariable.lockoutSeconds)
        )
        configuration.dicom = DICOMReceiverConfiguration(
            port: try parseDICOMPort(dicomPort),
            aeTitle: try parseAETitle(aeTitle)
        )
        return configuration
    }

    private static func parseMaximumFailedLogins(_ given: Given?) throws(ConfigurationError) -> Int {
        guard let given else { return AccountsConfiguration.defaultMaximumFailedLogins }
        guard let count = Int(given.value), count >= 0 else {
            throw given.error(
                "maximum failed logins",
                requirement: "must be a whole number, at least 0 (0 never locks)"
            )
        }
        return count
    }

    private static func parseLockoutDuration(_ given: Given?) throws(ConfigurationError) -> Duration {
        guard let given else { return AccountsConfiguration.defaultLockoutDuration }
        guard let seconds = Int(given.value), seconds >= 1 else {
            throw given.error("lockout", requirement: "must be a whole number of seconds, at least 1")
        }
        return .seconds(seconds)
    }

    private static func parseDICOMPort(_ given: Given?) throws(ConfigurationError) -> Int {
        guard let given else { return DICOMReceiverConfiguration().port }
        guard let port = Int(given.value), (0...65535).contains(port) else {
            throw given.error("DICOM port", requirement: "must be a whole number from 0 to 65535 (0 disables it)")
        }
        return port
    }

    private static func parseAETitle(_ given: Given?) throws(ConfigurationError) -> String {
        guard let given else { return DICOMReceiverConfiguration().aeTitle }
        guard let title = DICOMReceiverDefinition.validAETitle(given.value) else {
            throw given.error("AE title", requirement: DICOMReceiverDefinition.aeTitleRequirement)
        }
        return title
    }

    // MARK: - Parsing each setting

    private static func parseHost(_ given: Given?) throws(ConfigurationError) -> String {
        guard let given else { return defaultHost }
        guard !given.value.isEmpty else { throw given.error("host", requirement: "must not be empty") }
        return given.value
    }

    private static func parsePort(_ given: Given?) throws(ConfigurationError) -> Int {
        guard let given else { return defaultPort }
        guard let port = Int(given.value), (0...65535).contains(port) else {
            throw given.error("port", requirement: "must be a whole number from 0 to 65535")
        }
        return port
    }

    private static func parseDataDirectory(_ given: Given?) throws(ConfigurationError) -> String {
        guard let given else { return defaultDataDirectory }
        guard !given.value.isEmpty else { throw given.error("data directory", requirement: "must not be empty") }
        return given.value
    }

    private static func parseSiteID(_ given: Given?) throws(ConfigurationError) -> String? {
        guard let given else { return nil }
        let valid = given.value.utf8.count <= 64
            && given.value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        guard valid else {
            throw given.error("site ID", requirement: "must be 1 to 64 letters, digits or underscores")
        }
        return given.value
    }

    private static func parseIdleBuildInterval(_ given: Given?) throws(ConfigurationError) -> Duration {
        guard let given else { return PrearchiveConfiguration().idleBuildInterval }
        guard let seconds = Int(given.value), seconds >= 1 else {
            throw given.error("idle build interval", requirement: "must be a whole number of seconds, at least 1")
        }
        return .seconds(seconds)
    }

    private static func parseAutoRunCommand(_ given: Given?) throws(ConfigurationError) -> URL? {
        guard let given else { return nil }
        let url = URL(fileURLWithPath: given.value).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
            FileManager.default.isExecutableFile(atPath: url.path)
        else {
            throw given.error("AutoRun command", requirement: "must be the path of an executable file")
        }
        return url
    }

    private static func parseAutoRunWebhook(_ given: Given?) throws(ConfigurationError) -> URL? {
        guard let given else { return nil }
        guard let url = PipelineConfiguration.webhookURL(given.value) else {
            throw given.error("AutoRun webhook", requirement: "must be an http or https URL")
        }
        return url
    }

    private static func parseLogLevel(_ given: Given?) throws(ConfigurationError) -> Logger.Level {
        guard let given else { return defaultLogLevel }
        guard let level = Logger.Level(rawValue: given.value.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw given.error("log level", requirement: "must be one of \(names)")
        }
        return level
    }
}

// MARK: - Where a value came from

/// A raw value and the flag or variable it came from.
private struct Given {
    var value: String
    var source: String

    func error(_ setting: String, requirement: String) -> ConfigurationError {
        ConfigurationError(setting: setting, value: value, source: source, requirement: requirement)
    }
}

/// Picks each setting's raw value: the flag if given, else a non-empty environment variable, else nothing.
private struct ValueSources {
    var environment: [String: String]

    func value(flag: String?, name: String, variable: String) -> Given? {
        if let flag {
            return Given(value: flag, source: name)
        }
        if let value = environment[variable], !value.isEmpty {
            return Given(value: value, source: variable)
        }
        return nil
    }
}
