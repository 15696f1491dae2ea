import Foundation

/// What a rebuild of a prearchive session injects into the session document beside what the DICOM files say
/// (`xnat-import-spec.md` §5.1): the prearchive row's identity and settings.
package struct SessionBuildConstants: Sendable, Equatable {
    /// `@project`; `nil` (or `Unassigned`) for an Unassigned session, which gets no project attribute.
    package var project: String?
    /// `@label`: the row's session name (or the folder name).
    package var label: String?
    /// `subject_ID`: the row's subject.
    package var subjectID: String?
    /// `@visit`.
    package var visit: String?
    /// `@protocol`.
    package var protocolName: String?
    /// `prearchivePath`: the absolute path of the session folder.
    package var prearchivePath: String?
    /// Session-level `resources`, carried over from the previous document (§5.1).
    package var resources: [SessionDocument.Resource]
    /// How a study with PET and MR images is typed (§5.2 step 1); `nil` is the unset preference (PET/MR).
    package var petMRHandling: PETMRHandling?
    /// Whether non-imaging SOP classes go to a `secondary` resource (`separateSecondaryDicomOnArchive`, §5.4).
    package var separatingSecondary: Bool

    /// Creates the constants of one build.
    package init(
        project: String? = nil,
        label: String? = nil,
        subjectID: String? = nil,
        visit: String? = nil,
        protocolName: String? = nil,
        prearchivePath: String? = nil,
        resources: [SessionDocument.Resource] = [],
        petMRHandling: PETMRHandling? = nil,
        separatingSecondary: Bool = true
    ) {
        self.project = project
        self.label = label
        self.subjectID = subjectID
        self.visit = visit
        self.protocolName = protocolName
        self.prearchivePath = prearchivePath
        self.resources = resources
        self.petMRHandling = petMRHandling
        self.separatingSecondary = separatingSecondary
    }

    /// The project attribute to write: `nil` for Unassigned, whether given as `nil` or as `Unassigned`.
    package var documentProject: String? {
        guard let project, !project.isEmpty, project != PrearchiveSessionKey.unassignedProject else { return nil }
        return project
    }

    /// The label to write. With PET/MR handling `pet`, the last `petmr` in the label (any case) becomes `PET`,
    /// as XNAT's rebuild does (§5.1).
    package var documentLabel: String? {
        guard let label, petMRHandling == .pet,
            let range = label.range(of: "petmr", options: [.caseInsensitive, .backwards])
        else { return label }
        return label.replacingCharacters(in: range, with: "PET")
    }
}
