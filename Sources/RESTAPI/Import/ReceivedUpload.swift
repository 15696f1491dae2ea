import Foundation

/// The one file of an import request, staged on disk by ``UploadReceiver``.
///
/// The staged file belongs to whoever receives this value: it must move or delete `file` when done.
package struct ReceivedUpload: Sendable, Equatable {
    /// A non-file part of a multipart body (XNAT treats these as request parameters, before the query string).
    package struct FormField: Sendable, Equatable {
        package var name: String
        package var value: String

        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The staged file: `.upload-<UUID>` in the staging folder, complete and synced to disk.
    package var file: URL
    /// The multipart part's file name without any client path, or `upload` plus an extension for in-body uploads
    /// (`upload.zip`, `upload.dcm`, …). Multipart names come from the client: they may be `..` or hold control
    /// characters, so never use one as a path component without validating it.
    package var clientFileName: String?
    /// The part's `Content-Type` (multipart) or the request's (in-body), as sent.
    package var contentType: String?
    /// The number of bytes in `file`.
    package var size: Int64
    /// The multipart form fields, in body order; empty for in-body uploads.
    package var formFields: [FormField]

    package init(file: URL, clientFileName: String?, contentType: String?, size: Int64, formFields: [FormField] = []) {
        self.file = file
        self.clientFileName = clientFileName
        self.contentType = contentType
        self.size = size
        self.formFields = formFields
    }
}
