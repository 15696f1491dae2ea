import Unpacking

/// What one request or connection may cost the server: body size, head size, time, connections, and what an
/// uploaded archive may unpack to. Part of ``HTTPConfiguration``; every value is set by `sluice serve`
/// (`Docs/Configuration.md`, keys `http.max_upload_bytes` … `uploads.max_nesting_depth`).
///
/// Each breach has its own status and plain-text message: 413 for a body or an archive over a limit, 414 for a
/// request line over ``maximumHeaderBytes``, 431 for header fields over it, 408 for a body that stalls or takes too
/// long. Slow or idle connections without a request in progress are closed after ``idleTimeout``.
package struct RequestLimits: Sendable, Equatable {
    /// The largest request body in bytes (`http.max_upload_bytes`), checked against `Content-Length` before the
    /// body is read and against the bytes as they arrive (chunked bodies); `nil`: no limit but the disk.
    package var maximumUploadSize: Int64?
    /// The most bytes of request line, or of header fields, in one request head (`http.max_header_bytes`).
    package var maximumHeaderBytes: Int
    /// How long a connection may go without sending a complete request head or body part, or stay open between
    /// requests, before it is closed (`http.idle_timeout`; Hummingbird's `idleTimeout`, off unless set).
    package var idleTimeout: Duration
    /// How long an upload's body may go without a byte arriving before the request is answered 408
    /// (`http.body_idle_timeout`); shorter than ``idleTimeout`` so the client gets an answer, not a closed socket.
    package var bodyIdleTimeout: Duration
    /// How long receiving one upload's body may take in all (`http.request_timeout`), answered 408.
    package var requestTimeout: Duration
    /// The most connections served at once (`http.max_connections`); more wait in the listen backlog.
    package var maximumConnections: Int
    /// Caps on unpacking uploaded archives (`uploads.*`): entries, expanded bytes, ratios, nesting.
    package var extraction: ExtractionLimits

    /// Default of ``maximumUploadSize``: 16 GiB, the same as the default cap on expanded bytes.
    package static let defaultMaximumUploadSize: Int64 = 16 << 30
    /// Default of ``maximumHeaderBytes``: 64 KiB.
    package static let defaultMaximumHeaderBytes = 64 * 1024
    /// Default of ``idleTimeout``.
    package static let defaultIdleTimeout = Duration.seconds(60)
    /// Default of ``bodyIdleTimeout``.
    package static let defaultBodyIdleTimeout = Duration.seconds(30)
    /// Default of ``requestTimeout``: an hour, time for 16 GiB at about 5 MB/s.
    package static let defaultRequestTimeout = Duration.seconds(3600)
    /// Default of ``maximumConnections``.
    package static let defaultMaximumConnections = 1000

    /// Creates the limits; the defaults are safe for a site server.
    package init(
        maximumUploadSize: Int64? = Self.defaultMaximumUploadSize,
        maximumHeaderBytes: Int = Self.defaultMaximumHeaderBytes,
        idleTimeout: Duration = Self.defaultIdleTimeout,
        bodyIdleTimeout: Duration = Self.defaultBodyIdleTimeout,
        requestTimeout: Duration = Self.defaultRequestTimeout,
        maximumConnections: Int = Self.defaultMaximumConnections,
        extraction: ExtractionLimits = .default
    ) {
        self.maximumUploadSize = maximumUploadSize
        self.maximumHeaderBytes = maximumHeaderBytes
        self.idleTimeout = idleTimeout
        self.bodyIdleTimeout = bodyIdleTimeout
        self.requestTimeout = requestTimeout
        self.maximumConnections = maximumConnections
        self.extraction = extraction
    }

    /// The size at which SwiftNIO's parser itself refuses a header field or the header list (400, empty body,
    /// connection closed): well above ``maximumHeaderBytes`` so that heads between the two get the clearer 431.
    var parserHeaderBytes: Int {
        maximumHeaderBytes > Int.max / 4 ? Int.max / 2 : max(maximumHeaderBytes * 2, maximumHeaderBytes + 64 * 1024)
    }
}
