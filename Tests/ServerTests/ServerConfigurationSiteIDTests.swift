import Server
import Testing

/// `SLUICE_SITE_ID`: XNAT's site ID, the prefix of new subject and experiment IDs.
@Suite struct ServerConfigurationSiteIDTests {
    private static func load(_ environment: [String: String]) throws(ConfigurationError) -> String? {
        try ServerConfiguration.load(options: ServeOptions(), environment: environment).siteID
    }

    @Test func theStoredSiteIDIsKeptByDefault() throws {
        #expect(try Self.load([:]) == nil)
        #expect(try Self.load(["SLUICE_SITE_ID": ""]) == nil)
    }

    @Test func aSiteIDOfLettersDigitsAndUnderscoresIsTaken() throws {
        #expect(try Self.load(["SLUICE_SITE_ID": "XNAT_01"]) == "XNAT_01")
    }

    @Test(arguments: ["my site", "site-1", "sïte", String(repeating: "A", count: 65)])
    func otherSiteIDsAreRefused(value: String) {
        #expect(throws: ConfigurationError.self) { try Self.load(["SLUICE_SITE_ID": value]) }
    }
}
