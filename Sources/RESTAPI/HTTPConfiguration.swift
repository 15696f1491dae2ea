/// The `http` section of the server configuration.
package struct HTTPConfiguration: Sendable, Equatable {
    /// The address to listen on (`http.host`), for example `127.0.0.1` or `0.0.0.0`.
    package var host: String
    /// The TCP port (`http.port`); 0 lets the system pick a free one.
    package var port: Int
    /// Body, head, time and connection limits, and the caps on unpacking uploads.
    package var limits: RequestLimits

    /// Creates the section; tests pass port 0.
    package init(host: String, port: Int, limits: RequestLimits = RequestLimits()) {
        self.host = host
        self.port = port
        self.limits = limits
    }
}
