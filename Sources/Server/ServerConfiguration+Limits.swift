import RESTAPI
import Unpacking

extension ServerConfiguration {
    /// The environment variables of ``RequestLimits`` (`http.*` limits and `uploads.*`); none has a flag.
    package enum LimitVariable {
        /// `http.max_upload_bytes`: the largest request body (16 GiB).
        package static let maximumUploadBytes = "SLUICE_MAX_UPLOAD_BYTES"
        /// `http.max_header_bytes`: the largest request target, and the most header bytes (64 KiB).
        package static let maximumHeaderBytes = "SLUICE_MAX_HEADER_BYTES"
        /// `http.idle_timeout`: seconds before an idle or slow-head connection is closed (60).
        package static let idleTimeout = "SLUICE_IDLE_TIMEOUT_SECONDS"
        /// `http.body_idle_timeout`: seconds an upload's body may stall before 408 (30).
        package static let bodyIdleTimeout = "SLUICE_BODY_IDLE_TIMEOUT_SECONDS"
        /// `http.request_timeout`: seconds one upload's body may take in all before 408 (3600).
        package static let requestTimeout = "SLUICE_REQUEST_TIMEOUT_SECONDS"
        /// `http.max_connections`: connections served at once (1000).
        package static let maximumConnections = "SLUICE_MAX_CONNECTIONS"
        /// `uploads.max_archive_entries`: entries in one upload, nested archives included (100000).
        package static let maximumArchiveEntries = "SLUICE_MAX_ARCHIVE_ENTRIES"
        /// `uploads.max_expanded_bytes`: bytes one upload may unpack to (16 GiB).
        package static let maximumExpandedBytes = "SLUICE_MAX_EXPANDED_BYTES"
        /// `uploads.max_entry_compression_ratio`: how far one entry may expand (500).
        package static let maximumEntryCompressionRatio = "SLUICE_MAX_ENTRY_COMPRESSION_RATIO"
        /// `uploads.max_compression_ratio`: how far a whole upload may expand (200).
        package static let maximumCompressionRatio = "SLUICE_MAX_COMPRESSION_RATIO"
        /// `uploads.max_nesting_depth`: levels of archives inside the upload (2).
        package static let maximumNestingDepth = "SLUICE_MAX_NESTING_DEPTH"
    }

    /// Reads every limit from `environment`; an empty variable keeps the default.
    static func loadLimits(environment: [String: String]) throws(ConfigurationError) -> RequestLimits {
        func number(_ variable: String, _ setting: String, minimum: Int64, default value: Int64)
            throws(ConfigurationError) -> Int64
        {
            guard let text = environment[variable], !text.isEmpty else { return value }
            guard let number = Int64(text), number >= minimum else {
                throw ConfigurationError(
                    setting: setting,
                    value: text,
                    source: variable,
                    requirement: "must be a whole number, at least \(minimum)"
                )
            }
            return number
        }
        func seconds(_ variable: String, _ setting: String, default value: Duration) throws(ConfigurationError)
            -> Duration
        {
            .seconds(try number(variable, setting, minimum: 1, default: value.components.seconds))
        }
        var limits = RequestLimits()
        let defaults = ExtractionLimits.default
        typealias V = LimitVariable
        limits.maximumUploadSize = try number(
            V.maximumUploadBytes, "maximum upload size", minimum: 1,
            default: RequestLimits.defaultMaximumUploadSize
        )
        limits.maximumHeaderBytes = Int(
            try number(
                V.maximumHeaderBytes, "maximum header size", minimum: 1024,
                default: Int64(RequestLimits.defaultMaximumHeaderBytes)
            )
        )
        limits.idleTimeout = try seconds(V.idleTimeout, "idle timeout", default: RequestLimits.defaultIdleTimeout)
        limits.bodyIdleTimeout = try seconds(
            V.bodyIdleTimeout, "body idle timeout", default: RequestLimits.defaultBodyIdleTimeout
        )
        limits.requestTimeout = try seconds(
            V.requestTimeout, "request timeout", default: RequestLimits.defaultRequestTimeout
        )
        limits.maximumConnections = Int(
            try number(
                V.maximumConnections, "maximum connections", minimum: 1,
                default: Int64(RequestLimits.defaultMaximumConnections)
            )
        )
        limits.extraction.maximumEntryCount = Int(
            try number(
                V.maximumArchiveEntries, "maximum archive entries", minimum: 1,
                default: Int64(defaults.maximumEntryCount)
            )
        )
        limits.extraction.maximumTotalBytes = try number(
            V.maximumExpandedBytes, "maximum expanded bytes", minimum: 1, default: defaults.maximumTotalBytes
        )
        limits.extraction.maximumEntryCompressionRatio = try number(
            V.maximumEntryCompressionRatio, "maximum entry compression ratio", minimum: 1,
            default: defaults.maximumEntryCompressionRatio
        )
        limits.extraction.maximumOverallCompressionRatio = try number(
            V.maximumCompressionRatio, "maximum compression ratio", minimum: 1,
            default: defaults.maximumOverallCompressionRatio
        )
        limits.extraction.maximumNestingDepth = Int(
            try number(
                V.maximumNestingDepth, "maximum nesting depth", minimum: 0,
                default: Int64(defaults.maximumNestingDepth)
            )
        )
        return limits
    }
}
