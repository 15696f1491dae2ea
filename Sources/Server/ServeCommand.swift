import ArgumentParser
import Foundation
import Logging

/// `sluice serve`: loads the configuration, sets up logging and runs the server until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the import server.",
        discussion: "Each option can also be set by the environment variable named in its help. "
            + "A flag beats its variable, which beats the default."
    )

    @Option(help: ArgumentHelp("Address to listen on [env: SLUICE_HOST] (default: 127.0.0.1).", valueName: "address"))
    var host: String?

    @Option(help: ArgumentHelp("TCP port, 0 to pick a free one [env: SLUICE_PORT] (default: 8080).", valueName: "port"))
    var port: String?

    @Option(help: ArgumentHelp("Data directory [env: SLUICE_DATA_DIR] (default: ./sluice-data).", valueName: "path"))
    var dataDir: String?

    @Option(
        help: ArgumentHelp(
            "trace, debug, info, notice, warning, error or critical [env: SLUICE_LOG_LEVEL] (default: info).",
            valueName: "level"
        )
    )
    var logLevel: String?

    @Option(
        help: ArgumentHelp(
            "DICOM receiver TCP port, 0 to disable it [env: SLUICE_DICOM_PORT] (default: 8104).",
            valueName: "port"
        )
    )
    var dicomPort: String?

    @Option(help: ArgumentHelp("DICOM receiver AE title [env: SLUICE_AE_TITLE] (default: XNAT).", valueName: "title"))
    var aeTitle: String?

    func run() async throws {
        var options = ServeOptions(host: host, port: port, dataDirectory: dataDir, logLevel: logLevel)
        options.dicomPort = dicomPort
        options.aeTitle = aeTitle
        let configuration = try ServerConfiguration.load(
            options: options,
            environment: ProcessInfo.processInfo.environment
        )
        let level = configuration.logging.level
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        try await ServerRunner(configuration: configuration).run(logger: Logger(label: "sluice"))
    }
}
