/// The `sluice serve` options as typed on the command line, before defaults, environment and validation.
///
/// `nil` means the flag was not given. Kept apart from ``ServeCommand`` so tests can build it directly.
package struct ServeOptions: Sendable, Equatable {
    /// `--host`.
    package var host: String?
    /// `--port`, unparsed, so a bad value gets the same message as a bad `SLUICE_PORT`.
    package var port: String?
    /// `--data-dir`.
    package var dataDirectory: String?
    /// `--log-level`, unparsed.
    package var logLevel: String?
    /// `--dicom-port`, unparsed.
    package var dicomPort: String?
    /// `--ae-title`.
    package var aeTitle: String?

    /// Creates the options; omitted arguments mean the flag was not given.
    package init(host: String? = nil, port: String? = nil, dataDirectory: String? = nil, logLevel: String? = nil) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.logLevel = logLevel
    }
}
