import Hummingbird

extension UploadReceiver {
    /// Stages the file of a resource file upload (`PUT|POST …/resources/R/files/{path}`): the file part of a
    /// `multipart/form-data` body, else the whole body whatever its `Content-Type` (pyxnat sends none, xnatpy
    /// `application/octet-stream`); an empty body is an empty file.
    ///
    /// - Throws: ``UploadError`` 400 for a multipart body without a file part, or the refusals of
    ///   ``receive(_:inBody:)``.
    package func receiveResourceFile(_ request: Request) async throws -> ReceivedUpload {
        let contentType = request.headers[.contentType]
        let mediaType = UploadMediaType(contentType)
        let contentLength = request.headers[.contentLength].flatMap { Int64($0) }
        if let maximumSize, let contentLength, contentLength > maximumSize {
            throw UploadError.tooLarge(limit: maximumSize)
        }
        if let mediaType, mediaType.isMultipartForm {
            guard let boundary = mediaType.boundary else {
                throw UploadError.malformedMultipart("the Content-Type has no usable boundary")
            }
            guard let upload = try await receiveMultipart(request.body, boundary: boundary) else {
                throw UploadError.malformedMultipart("the body has no file part")
            }
            return upload
        }
        let upload = try await receiveInBody(
            request.body,
            mediaType: mediaType,
            contentType: contentType,
            announcedEmpty: false,
            emptyIsNoUpload: false,
            emptyIsFile: true
        )
        guard let upload else { throw UploadError.emptyBody }
        return upload
    }
}
