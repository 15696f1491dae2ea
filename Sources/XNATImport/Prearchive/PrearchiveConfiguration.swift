import Foundation

/// How the prearchive names and builds sessions (XNAT site preferences `dicomFileNameTemplate`,
/// `sessionXmlRebuilderInterval`, `sessionXmlRebuilderRepeat`; `xnat-import-spec.md` §4.5, §7, Appendix A).
package struct PrearchiveConfiguration: Sendable, Equatable {
    /// The template of stored file names.
    package var fileNameTemplate: FileNameTemplate
    /// How long a RECEIVING session must stay untouched before the idle timer builds it (default 5 minutes).
    package var idleBuildInterval: Duration
    /// How often the idle timer looks (default 1 minute).
    package var idleCheckInterval: Duration
    /// The zone of new timestamp folder names (`yyyyMMdd_HHmmssSSS`): the server's.
    package var timeZone: TimeZone

    /// XNAT's defaults.
    package init(
        fileNameTemplate: FileNameTemplate = .standard,
        idleBuildInterval: Duration = .seconds(300),
        idleCheckInterval: Duration = .seconds(60),
        timeZone: TimeZone = .current
    ) {
        self.fileNameTemplate = fileNameTemplate
        self.idleBuildInterval = idleBuildInterval
        self.idleCheckInterval = idleCheckInterval
        self.timeZone = timeZone
    }
}
