import Foundation

/// A request of the `inbox` handler (`xnat-import-spec.md` §2.5): import the DICOM files of a folder (or an archive
/// file) under the inbox root, in the background; clients poll it at `/xapi/dicom/{id}`.
package struct InboxRequest: Sendable, Equatable {
    /// XNAT's `DicomInboxImportRequest.Status` values that Sluice uses.
    package enum Status: String, Sendable, CaseIterable {
        /// Waiting to start.
        case queued = "Queued"
        /// Importing.
        case importing = "Importing"
        /// Done; `resolution` lists the sessions made.
        case completed = "Completed"
        /// Failed; `resolution` says why.
        case failed = "Failed"

        /// Whether the request is finished.
        package var isFinished: Bool { self == .completed || self == .failed }
    }

    /// The ID the store gave it; 0 before it is stored.
    package var id: Int
    /// Who asked.
    package var username: String
    /// The folder or file imported (absolute, inside the inbox root).
    package var sessionPath: String
    /// Where it is.
    package var status: Status
    /// Whether the folder or file is deleted after a successful import (`cleanupAfterImport`, default true).
    package var cleanupAfterImport: Bool
    /// The request's import parameters (`PROJECT_ID`, `SUBJECT_ID`, `EXPT_LABEL`, …).
    package var parameters: [String: String]
    /// The URIs made (one per line), or why it failed.
    package var resolution: String
    /// When it was queued.
    package var created: Date
    /// When its status last changed.
    package var updated: Date

    /// A request with the given values.
    package init(
        id: Int = 0,
        username: String,
        sessionPath: String,
        status: Status = .queued,
        cleanupAfterImport: Bool = true,
        parameters: [String: String] = [:],
        resolution: String = "",
        created: Date,
        updated: Date? = nil
    ) {
        self.id = id
        self.username = username
        self.sessionPath = sessionPath
        self.status = status
        self.cleanupAfterImport = cleanupAfterImport
        self.parameters = parameters
        self.resolution = resolution
        self.created = created
        self.updated = updated ?? created
    }
}
