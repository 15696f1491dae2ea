import Foundation

/// A subject (`xnat:subjectData`) in a project's archive: found by label (ignoring case) or ID, created by the
/// archiver when a session names one that does not exist (`xnat-import-spec.md` §6.2 step 7).
package struct ArchivedSubject: Sendable, Equatable {
    /// The site-unique ID, `<SITE>_S00001`.
    package var id: String
    /// The project that owns it.
    package var project: String
    /// Its label, unique in the project ignoring case.
    package var label: String
    /// When it was created.
    package var createdAt: Date

    /// A subject with the given values.
    package init(id: String, project: String, label: String, createdAt: Date) {
        self.id = id
        self.project = project
        self.label = label
        self.createdAt = createdAt
    }
}

/// An archived image session (`xnat:imageSessionData` and its types): what the archive knows of it beside its
/// folder and `<label>.xml`.
package struct ArchivedExperiment: Sendable, Equatable {
    /// The site-unique ID, `<SITE>_E00001`.
    package var id: String
    /// The project that owns it.
    package var project: String
    /// The ID of its subject.
    package var subjectID: String
    /// Its label, unique in the project ignoring case; also its folder name.
    package var label: String
    /// Its `xsi:type`, such as `xnat:mrSessionData`.
    package var dataType: String
    /// The StudyInstanceUID, when known.
    package var uid: String?
    /// The session date, `yyyy-MM-dd`, when known.
    package var date: String?
    /// Whether it is in quarantine (§6.6): archived but not yet released by an owner.
    package var isQuarantined: Bool
    /// When it was first archived.
    package var createdAt: Date
    /// When data was last archived into it.
    package var lastModified: Date

    /// An experiment with the given values.
    package init(
        id: String,
        project: String,
        subjectID: String,
        label: String,
        dataType: String,
        uid: String? = nil,
        date: String? = nil,
        isQuarantined: Bool = false,
        createdAt: Date,
        lastModified: Date
    ) {
        self.id = id
        self.project = project
        self.subjectID = subjectID
        self.label = label
        self.dataType = dataType
        self.uid = uid
        self.date = date
        self.isQuarantined = isQuarantined
        self.createdAt = createdAt
        self.lastModified = lastModified
    }
}
