import Hummingbird

extension UploadReceiver {
    /// Stages the file of a resource file upload (`PUT|POST …/resources/R/files/{path}`): the file part of a
    /// `multipart/form-data` body, else the whole body whatever its `Content-Type` (pyxnat sends none, xnatpy
    /// `application/octet-stream`); an empty body is an empty file.
    ///
    /// - Throws: ``UploadError`` 400 for a multipart body without a file part, or the refusals of
    ///   ``receive(_:inBody:)``.
    package func receiveResourceFile(_ request: Request) async throws -> ReceivedUpload {
        try checkHead(request)
        return try await deadline.run { progress in
            try await receiveResourceFile(request, progress: progress)
        } discard: { upload in
            await StagingArea(folder: stagingFolder).remove(upload.file)
        }
    }

    private func receiveResourceFile(_ request: Request, progress: BodyProgress) async throws -> ReceivedUpload {
        let contentType = request.headers[.contentType]
        let mediaType = UploadMediaType(contentType)
        if let mediaType, mediaType.isMultipartForm {
            guard let boundary = mediaType.boundary else {
                throw UploadError.malformedMultipart("the Content-Type has no usable boundary")
            }
            guard let upload = try await receiveMultipart(request.body, boundary: boundary, progress: progress) else {
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
            emptyIsFile: true,
            progress: progress
        )
        guard let upload else { throw UploadError.emptyBody }
        return upload
    }
}
