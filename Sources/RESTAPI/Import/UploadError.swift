import Hummingbird

/// Why ``UploadReceiver`` refused an upload: the HTTP status and the plain-text message the client sees.
///
/// The messages of XNAT's importer are kept word for word where clients or tests may look for them
/// (`xnat-import-spec.md` §1.2, §1.3).
package struct UploadError: Error, Equatable, Sendable {
    package var status: HTTPResponse.Status
    package var message: String

    package init(status: HTTPResponse.Status, message: String) {
        self.status = status
        self.message = message
    }

    /// `inbody=true` with a multipart (or url-encoded form) body; XNAT answers 406.
    package static let multipartInBody = UploadError(
        status: .notAcceptable,
        message: "In-body posts must not be multipart"
    )

    /// A zero-length body where the whole body is the file.
    package static let emptyBody = UploadError(status: .badRequest, message: "The request body is empty")

    /// A multipart file part whose `filename` is empty.
    package static let missingFileName = UploadError(
        status: .badRequest,
        message: "multi-part form posts must contain the file name of the uploaded file"
    )

    /// A multipart part named `reference`.
    package static let reference = UploadError(
        status: .badRequest,
        message: "multi-part form posts may not be used to upload files via reference"
    )

    /// A second file part.
    package static let moreThanOneUpload = UploadError(
        status: .badRequest,
        message: "Importer is limited to one uploaded resource at a time."
    )

    /// A non-empty `application/x-www-form-urlencoded` body: XNAT hands it to its multipart parser, which refuses it.
    package static let formURLEncoded = UploadError(
        status: .badRequest,
        message: "URL-encoded form bodies cannot carry an upload: send multipart/form-data or the file as the body"
    )

    /// A body (announced or received) larger than the configured maximum.
    package static func tooLarge(limit: Int64) -> UploadError {
        UploadError(
            status: .contentTooLarge,
            message: "The upload is larger than the limit of \(limit) bytes"
        )
    }

    /// A body that delivered nothing for `after` (`http.body_idle_timeout`).
    package static func bodyStalled(after timeout: Duration) -> UploadError {
        UploadError(
            status: .requestTimeout,
            message: "The request body stalled: no bytes arrived for \(timeout.components.seconds) seconds"
        )
    }

    /// A body still arriving after `limit` (`http.request_timeout`).
    package static func bodyTooSlow(limit: Duration) -> UploadError {
        UploadError(
            status: .requestTimeout,
            message: "The request body took longer than the limit of \(limit.components.seconds) seconds"
        )
    }

    /// A `Content-Encoding` other than `identity`: the body must be the file itself.
    package static func unsupportedContentEncoding(_ encoding: String) -> UploadError {
        UploadError(
            status: .unsupportedMediaType,
            message: "Content-Encoding \(encoding) is not supported: send the file itself as the body "
                + "(a .gz, .zip or .tar.gz file is recognised by its bytes)"
        )
    }

    /// A multipart body the parser cannot follow.
    package static func malformedMultipart(_ detail: String) -> UploadError {
        UploadError(status: .badRequest, message: "The multipart body is malformed: \(detail)")
    }
}
