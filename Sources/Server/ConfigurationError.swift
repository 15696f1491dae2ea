/// A configuration value that cannot be used; its description is the one-line message `sluice` prints.
package struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The setting, for example `port`.
    package var setting: String
    /// The value as given.
    package var value: String
    /// Where the value came from: a flag such as `--port` or a variable such as `SLUICE_PORT`.
    package var source: String
    /// What a valid value looks like.
    package var requirement: String

    /// Creates the error.
    package init(setting: String, value: String, source: String, requirement: String) {
        self.setting = setting
        self.value = value
        self.source = source
        self.requirement = requirement
    }

    /// `invalid <setting> "<value>" (from <source>): <requirement>`.
    package var description: String {
        "invalid \(setting) \"\(value)\" (from \(source)): \(requirement)"
    }
}
