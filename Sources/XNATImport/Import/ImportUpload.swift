import Foundation

/// The one file of an import request, already staged on the data directory's file system (`xnat-import-spec.md`
/// §1.3). The import may rename it into the prearchive; the caller deletes whatever is left afterwards.
package struct ImportUpload: Sendable {
    /// The staged file.
    package var file: URL
    /// The client's name for it (multipart file name, or `upload.zip` etc. for an in-body upload).
    package var clientFileName: String?
    /// The media type the request declared for it, without parameters, lower-cased.
    package var contentType: String?

    /// Creates an upload description.
    package init(file: URL, clientFileName: String?, contentType: String?) {
        self.file = file
        self.clientFileName = clientFileName
        self.contentType = contentType
    }
}
