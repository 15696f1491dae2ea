/// Why an import or a prearchive operation was refused or failed; `RESTAPI` turns ``kind`` into the HTTP status
/// and sends ``message`` as the plain-text body (`xnat-import-spec.md` §1.8, §4.6).
package struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in the terms of the HTTP status it becomes.
    package enum Kind: Sendable, Equatable {
        /// A malformed request, parameter or upload (400).
        case invalidRequest
        /// The user may not do this (403).
        case notPermitted
        /// No such handler or prearchive session (404).
        case notFound
        /// The request cannot be answered in the requested form, such as a multipart in-body upload (406).
        case notAcceptable
        /// The session is busy or already holds other data (409).
        case conflict
        /// Something the request wants to create exists already, where XNAT answers 412 (user cache resources).
        case preconditionFailed
        /// A handler that Sluice does not offer yet (501).
        case notImplemented
        /// The server failed: disk, database (500).
        case serverFailure
    }

    /// What went wrong.
    package var kind: Kind
    /// One sentence for the response body and the log.
    package var message: String

    /// An error of `kind`.
    package init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    package var description: String { message }

    /// XNAT's answer for an object that cannot be read as DICOM: `unable to read DICOM object <name>`.
    package static func unreadableObject(_ name: String, reason: String? = nil) -> ImportError {
        ImportError(.invalidRequest, "unable to read DICOM object \(name)" + (reason.map { ": \($0)" } ?? ""))
    }
}
