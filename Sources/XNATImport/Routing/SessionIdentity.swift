/// Where one DICOM object goes in the prearchive: the answer of the object identifier (`xnat-import-spec.md`
/// §2.1 step 4, §3.1).
package struct SessionIdentity: Sendable, Equatable {
    /// The resolved project ID; `nil` means Unassigned (§4.7), which the prearchive shows as `Unassigned`.
    package var project: String?
    /// The subject label; `nil` when neither the request nor the headers give one.
    package var subject: String?
    /// The session label; `dicom_upload` at worst.
    package var sessionLabel: String
    /// The prearchive folder: the requested one, else the session label.
    package var prearchiveFolder: String
    /// The requested prearchive timestamp; `nil` means the caller stamps the time of the first object.
    package var prearchiveTimestamp: String?
    /// The DICOM auto-archive request; always `nil` for Unassigned, which never auto-archives.
    package var autoArchive: AutoArchiveRequest?

    /// An identity with the given values.
    package init(
        project: String?,
        subject: String?,
        sessionLabel: String,
        prearchiveFolder: String,
        prearchiveTimestamp: String? = nil,
        autoArchive: AutoArchiveRequest? = nil
    ) {
        self.project = project
        self.subject = subject
        self.sessionLabel = sessionLabel
        self.prearchiveFolder = prearchiveFolder
        self.prearchiveTimestamp = prearchiveTimestamp
        self.autoArchive = autoArchive
    }
}
