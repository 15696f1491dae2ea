import Server
import Testing
import XNATImport

@Suite struct ServerConfigurationLockoutTests {
    @Test func lockoutDefaultsAndEnvironment() throws {
        let defaults = try ServerConfiguration.load(options: ServeOptions(), environment: [:])
        #expect(defaults.accounts.maximumFailedLogins == 10)
        #expect(defaults.accounts.lockoutDuration == .seconds(900))
        let configured = try ServerConfiguration.load(
            options: ServeOptions(),
            environment: ["SLUICE_MAX_FAILED_LOGINS": "0", "SLUICE_LOCKOUT_SECONDS": "5"]
        )
        #expect(configured.accounts.maximumFailedLogins == 0)
        #expect(configured.accounts.lockoutDuration == .seconds(5))
    }

    @Test(arguments: [
        ("SLUICE_MAX_FAILED_LOGINS", "-1"), ("SLUICE_MAX_FAILED_LOGINS", "ten"), ("SLUICE_LOCKOUT_SECONDS", "0"),
    ])
    func invalidValuesStopTheServer(variable: String, value: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(options: ServeOptions(), environment: [variable: value])
        }
        #expect(error?.source == variable)
    }
}
