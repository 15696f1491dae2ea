import Foundation
import Logging
import MetadataDatabase
import RESTAPI
import Server
import Testing
import XNATImport

@Suite struct ServerConfigurationLoadingTests {
    private let environment = [
        "SLUICE_HOST": "0.0.0.0",
        "SLUICE_PORT": "9090",
        "SLUICE_DATA_DIR": "/env/data",
        "SLUICE_LOG_LEVEL": "debug",
    ]

    @Test func defaults() throws {
        let configuration = try ServerConfiguration.load(options: ServeOptions(), environment: [:])
        #expect(configuration.http.host == "127.0.0.1")
        #expect(configuration.http.port == 8080)
        #expect(configuration.logging.level == .info)
        let expected = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("sluice-data").standardizedFileURL.path
        #expect(configuration.storage.layout.root.path == expected)
        #expect(configuration.database.path.path == expected + "/sluice.sqlite")
    }

    @Test func environmentBeatsDefaults() throws {
        let configuration = try ServerConfiguration.load(options: ServeOptions(), environment: environment)
        #expect(configuration.http.host == "0.0.0.0")
        #expect(configuration.http.port == 9090)
        #expect(configuration.storage.dataDirectory.path == "/env/data")
        #expect(configuration.database.path.path == "/env/data/sluice.sqlite")
        #expect(configuration.logging.level == .debug)
    }

    @Test func flagsBeatEnvironment() throws {
        let options = ServeOptions(host: "::1", port: "0", dataDirectory: "/flag/data", logLevel: "ERROR")
        let configuration = try ServerConfiguration.load(options: options, environment: environment)
        #expect(configuration.http.host == "::1")
        #expect(configuration.http.port == 0)
        #expect(configuration.storage.dataDirectory.path == "/flag/data")
        #expect(configuration.logging.level == .error)
    }

    @Test func emptyEnvironmentVariablesCountAsUnset() throws {
        let blank = ["SLUICE_HOST": "", "SLUICE_PORT": "", "SLUICE_DATA_DIR": "", "SLUICE_LOG_LEVEL": ""]
        let configuration = try ServerConfiguration.load(options: ServeOptions(), environment: blank)
        #expect(configuration.http == .init(host: "127.0.0.1", port: 8080))
        #expect(configuration.logging.level == .info)
    }

    @Test func eachSettingIsTakenFromItsOwnSource() throws {
        let options = ServeOptions(port: "1234")
        let configuration = try ServerConfiguration.load(options: options, environment: ["SLUICE_HOST": "10.0.0.1"])
        #expect(configuration.http == .init(host: "10.0.0.1", port: 1234))
    }

    @Test(arguments: ["-1", "65536", "80x", "", " 80", "1e3"])
    func invalidPortFlag(port: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(options: ServeOptions(port: port), environment: [:])
        }
        #expect(error?.source == "--port")
        #expect(error?.description == "invalid port \"\(port)\" (from --port): must be a whole number from 0 to 65535")
    }

    @Test func invalidPortVariableNamesTheVariable() {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(options: ServeOptions(), environment: ["SLUICE_PORT": "http"])
        }
        #expect(error?.source == "SLUICE_PORT")
    }

    @Test func portBoundsAreAccepted() throws {
        #expect(try ServerConfiguration.load(options: ServeOptions(port: "0"), environment: [:]).http.port == 0)
        #expect(try ServerConfiguration.load(options: ServeOptions(port: "65535"), environment: [:]).http.port == 65535)
    }

    @Test func unknownLogLevel() {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(options: ServeOptions(), environment: ["SLUICE_LOG_LEVEL": "loud"])
        }
        #expect(
            error?.description
                == "invalid log level \"loud\" (from SLUICE_LOG_LEVEL): must be one of "
                + "trace, debug, info, notice, warning, error, critical"
        )
    }

    @Test func emptyHostOrDataDirectoryFlag() {
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(options: ServeOptions(host: ""), environment: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(options: ServeOptions(dataDirectory: ""), environment: [:])
        }
    }

    @Test func invalidFlagIsReportedEvenWhenTheVariableIsValid() {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(options: ServeOptions(port: "99999"), environment: ["SLUICE_PORT": "80"])
        }
        #expect(error?.source == "--port")
    }

    @Test func theAdministratorPasswordComesFromTheEnvironmentOnly() throws {
        let set = try ServerConfiguration.load(
            options: ServeOptions(),
            environment: ["SLUICE_ADMIN_PASSWORD": "s3cret"]
        )
        #expect(set.accounts.initialAdministratorPassword == "s3cret")
        let blank = try ServerConfiguration.load(options: ServeOptions(), environment: ["SLUICE_ADMIN_PASSWORD": ""])
        #expect(blank.accounts.initialAdministratorPassword == nil)
        let defaults = try ServerConfiguration.load(options: ServeOptions(), environment: [:])
        #expect(defaults.accounts == AccountsConfiguration())
        #expect(defaults.accounts.sessionTimeout == .seconds(900))
    }
}
