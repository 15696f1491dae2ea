/// The version of Sluice itself (not the XNAT version it reports to clients).
package enum SluiceVersion {
    /// Shown by `sluice --version` and `GET /`.
    package static let current = "0.1.0-dev"
}
