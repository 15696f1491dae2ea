import Hummingbird
import XNATImport

/// The body of `GET /xapi/siteConfig/buildInfo`: the XNAT version Sluice stands in for.
///
/// Clients read `version`: xnatpy treats "1.6…" and "1.7.0"–"1.7.2" specially and drops `Ignore-Unparsable` and
/// `Direct-Archive` below 1.8.3 (`xnat-clients.md` §2.1, step 6). Values are strings, as XNAT sends them.
struct BuildInfo: ResponseEncodable, Equatable {
    /// The XNAT release whose import behaviour Sluice follows.
    static let xnatVersion = "1.8.10"

    var version = BuildInfo.xnatVersion
    var buildNumber = "sluice-\(SluiceVersion.current)"
    var buildDate = ""
    var sha = ""
    var isDirty = "false"
    var sluiceVersion = SluiceVersion.current
}
