import DICOM

/// A value that may name the destination project, in the order the object identifier tries them
/// (`xnat-import-spec.md` §3.1). The first candidate that resolves to an existing project wins; when none does,
/// the object goes to Unassigned.
package struct ProjectCandidate: Sendable, Equatable {
    /// Where a candidate came from, so the caller can resolve it with the right permissions.
    ///
    /// XNAT resolves `.parameter` for the uploading user (read access suffices) and every other source as the
    /// site's received-file user (`admin`), which lets DICOM headers route into projects the uploader cannot
    /// read (spec §14 quirk 10). Recommended: resolve every source as the uploader, so an upload can only land
    /// in projects its sender can see; header routing keeps working for everyone who has access.
    package enum Source: Sendable, Equatable {
        /// `project`, `dest` or `PROJECT_ID` (`ExplicitRouting.project`).
        case parameter
        /// A site custom routing rule for the project.
        case routingRule
        /// A `Project:` assignment in the comment attribute with this tag.
        case containedAssignment(Tag)
        /// The whole StudyDescription (0008,1030).
        case studyDescription
        /// The whole AccessionNumber (0008,0050).
        case accessionNumber
        /// A rule of the optional `dicom-project.rules` file.
        case projectRulesFile
    }

    /// The project ID or alias to look up (not sanitised: it is a lookup key).
    package var value: String
    /// Where the value came from.
    package var source: Source

    /// A candidate `value` from `source`.
    package init(value: String, source: Source) {
        self.value = value
        self.source = source
    }
}
