/// The request parameters that say where an imported object goes (`xnat-import-spec.md` §2.1, §2.2, §3.1).
/// Raw values are XNAT's wire names, matched case-sensitively.
package enum RoutingParameter: String, Sendable, CaseIterable {
    /// Project ID or alias.
    case projectID = "PROJECT_ID"
    /// Subject label.
    case subjectID = "SUBJECT_ID"
    /// Session (experiment) label.
    case experimentLabel = "EXPT_LABEL"
    /// Alias of `PROJECT_ID` (DICOM-zip; xnatpy sends it for every handler).
    case project = "project"
    /// Alias of `SUBJECT_ID`.
    case subject = "subject"
    /// Alias of `EXPT_LABEL`.
    case session = "session"
    /// An archive or prearchive URI whose path variables pin the destination (`ImportDestination`).
    case destination = "dest"
    /// The prearchive timestamp directory, `yyyyMMdd_HHmmssSSS` by default.
    case prearchiveTimestamp = "PREARC_TIMESTAMP"
    /// The prearchive session folder; defaults to the session label.
    case prearchiveFolder = "PREARC_SESSION_FOLDER"
}
