import RESTAPI
import Server
import Testing
import Unpacking

@Suite struct ServerConfigurationLimitsTests {
    @Test func limitsHaveSafeDefaults() throws {
        let limits = try ServerConfiguration.load(options: ServeOptions(), environment: [:]).http.limits
        #expect(limits == RequestLimits())
        #expect(limits.maximumUploadSize == 16 << 30)
        #expect(limits.maximumHeaderBytes == 64 * 1024)
        #expect(limits.idleTimeout == .seconds(60))
        #expect(limits.bodyIdleTimeout == .seconds(30))
        #expect(limits.requestTimeout == .seconds(3600))
        #expect(limits.maximumConnections == 1000)
        #expect(limits.extraction == ExtractionLimits.default)
    }

    @Test func everyLimitIsSetByItsVariable() throws {
        let environment = [
            "SLUICE_MAX_UPLOAD_BYTES": "1000", "SLUICE_MAX_HEADER_BYTES": "2048", "SLUICE_IDLE_TIMEOUT_SECONDS": "7",
            "SLUICE_BODY_IDLE_TIMEOUT_SECONDS": "3", "SLUICE_REQUEST_TIMEOUT_SECONDS": "9",
            "SLUICE_MAX_CONNECTIONS": "12", "SLUICE_MAX_ARCHIVE_ENTRIES": "50", "SLUICE_MAX_EXPANDED_BYTES": "4096",
            "SLUICE_MAX_ENTRY_COMPRESSION_RATIO": "20", "SLUICE_MAX_COMPRESSION_RATIO": "10",
            "SLUICE_MAX_NESTING_DEPTH": "0",
        ]
        let limits = try ServerConfiguration.load(options: ServeOptions(), environment: environment).http.limits
        #expect(limits.maximumUploadSize == 1000)
        #expect(limits.maximumHeaderBytes == 2048)
        #expect(limits.idleTimeout == .seconds(7))
        #expect(limits.bodyIdleTimeout == .seconds(3))
        #expect(limits.requestTimeout == .seconds(9))
        #expect(limits.maximumConnections == 12)
        #expect(limits.extraction.maximumEntryCount == 50)
        #expect(limits.extraction.maximumTotalBytes == 4096)
        #expect(limits.extraction.maximumEntryCompressionRatio == 20)
        #expect(limits.extraction.maximumOverallCompressionRatio == 10)
        #expect(limits.extraction.maximumNestingDepth == 0)
    }

    @Test(arguments: [
        ("SLUICE_MAX_UPLOAD_BYTES", "0"), ("SLUICE_MAX_UPLOAD_BYTES", "1GB"), ("SLUICE_MAX_HEADER_BYTES", "100"),
        ("SLUICE_IDLE_TIMEOUT_SECONDS", "0"), ("SLUICE_BODY_IDLE_TIMEOUT_SECONDS", "-2"),
        ("SLUICE_REQUEST_TIMEOUT_SECONDS", "soon"), ("SLUICE_MAX_CONNECTIONS", "0"),
        ("SLUICE_MAX_ARCHIVE_ENTRIES", "0"), ("SLUICE_MAX_NESTING_DEPTH", "-1"),
    ])
    func invalidLimitsStopTheServer(variable: String, value: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(options: ServeOptions(), environment: [variable: value])
        }
        #expect(error?.source == variable)
    }
}
