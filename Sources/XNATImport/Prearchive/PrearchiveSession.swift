import Foundation

/// One row of the prearchive table, in the column order of XNAT's `xdat_search.prearchive` and of its REST
/// listings (`xnat-import-spec.md` §4.2).
package struct PrearchiveSession: Sendable, Equatable {
    /// `project`, `timestamp` and `folderName`: which session this is (unique together).
    package var key: PrearchiveSessionKey
    /// `lastmod`: the last status change or file receipt.
    package var lastModified: Date
    /// `uploaded`: when the upload began, read from the timestamp folder name.
    package var uploaded: Date?
    /// `scan_date`: the StudyDate, or the session document's date, as `yyyy-MM-dd`.
    package var scanDate: String?
    /// `scan_time`: the session document's time, as `HH:mm:ss`.
    package var scanTime: String?
    /// `subject`: the subject label (the document's `subject_ID`, else the DICOM PatientName).
    package var subject: String?
    /// `name`: the session label (the document's label, else the DICOM PatientID, else the folder name).
    package var name: String
    /// `tag`: the StudyInstanceUID.
    package var tag: String?
    /// `status`.
    package var status: PrearchiveStatus
    /// `autoarchive`: the session's own archiving code, when it has one.
    package var autoArchive: PrearchiveCode?
    /// `prevent_anon`: skip project anonymisation when archiving.
    package var preventAnonymization: Bool
    /// `prevent_auto_commit`: never build or archive this session on the idle timer (§4.5).
    package var preventAutoCommit: Bool
    /// `SOURCE`: the uploading client's tag, such as `uploader` or `applet`.
    package var source: String?
    /// `VISIT`.
    package var visit: String?
    /// `PROTOCOL`.
    package var protocolName: String?
    /// `TIMEZONE`: the client's time zone identifier.
    package var timeZone: String?
    /// Whether the session came with `Direct-Archive=true` (§2.7) and has not failed yet: it is archived when idle
    /// or asked to at `/xapi/direct-archive/…`, and hidden from prearchive listings until then.
    package var isDirectArchive: Bool = false

    /// Creates a row; the optional columns start empty and the flags `false`.
    package init(
        key: PrearchiveSessionKey,
        name: String,
        status: PrearchiveStatus,
        lastModified: Date,
        uploaded: Date? = nil
    ) {
        self.key = key
        self.name = name
        self.status = status
        self.lastModified = lastModified
        self.uploaded = uploaded
        self.preventAnonymization = false
        self.preventAutoCommit = false
    }

    /// The project ID, or `nil` for Unassigned.
    package var project: String? { key.project }
    /// The project as listings show it: the ID, or `Unassigned`.
    package var projectName: String { key.projectName }
    /// The timestamp folder.
    package var timestamp: PrearchiveTimestamp { key.timestamp }
    /// `folderName`: the session folder.
    package var folderName: String { key.folderName }
    /// `url`: `/prearchive/projects/<project>/<timestamp>/<folderName>`, as listings render it.
    package var url: String { key.url }
}
