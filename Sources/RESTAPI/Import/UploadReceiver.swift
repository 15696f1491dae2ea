import Foundation
import Hummingbird
import _NIOFileSystem

/// Receives the one uploaded file of an import request into a staged file, streaming, the way XNAT's importer obtains
/// uploads (`xnat-import-spec.md` §1.3):
///
/// - **Multipart** when the `Content-Type` is `multipart/form-data` (curl `-F file=@series.zip`): the part with a
///   `filename` is the file (client path stripped), the other parts become ``ReceivedUpload/formFields``.
/// - **In-body** when `inbody` is true or the `Content-Type` is one of XNAT's upload types (`application/zip`,
///   `application/dicom`, `application/x-tar`, `application/octet-stream`, …; xnatpy, xnatctl and the Desktop
///   Client's chunked zips): the whole body is the file, named `upload` plus an extension for the type. A body
///   without any `Content-Type` is in-body too.
/// - **Nothing** otherwise (`nil`): no body, or a type that carries no upload. The caller decides what that means
///   (XNAT: 400 "Unable to identify upload format." unless the handler needs no file).
///
/// Refusals are ``UploadError``s with XNAT's statuses and messages: multipart with `inbody=true` is 406; a file part
/// without a file name, a field named `reference`, a second file, an empty in-body body and a malformed multipart
/// body are 400; a body over `maximumSize` is 413, as soon as `Content-Length` announces it or the bytes exceed it;
/// a `Content-Encoding` other than `identity` is 415; a body that stalls for `bodyIdleTimeout` or is still arriving
/// after `requestTimeout` is 408 (``BodyDeadline``).
///
/// An empty in-body `application/zip` body is not refused (XNAT lets a streaming zip through): it is returned as an
/// upload of size 0, and the importer fails on its format.
///
/// The staged file is a new `.upload-<UUID>` in `stagingFolder`, synced to disk before it is returned; it belongs to
/// the caller, who moves or deletes it. On every error (refusals, disk errors, a client that disconnects mid-body)
/// it is deleted before the error propagates. Bytes go to disk through a bounded buffer as they arrive, so memory use
/// does not depend on the upload size.
package struct UploadReceiver: Sendable {
    /// The folder staged files are created in; it must exist, and should be on the file system they move to.
    package var stagingFolder: URL
    /// The largest accepted request body in bytes, or `nil` for no limit.
    package var maximumSize: Int64?
    /// Longest wait for the body's next bytes (408), or `nil`.
    package var bodyIdleTimeout: Duration?
    /// Longest time to receive a whole body (408), or `nil`.
    package var requestTimeout: Duration?

    package init(
        stagingFolder: URL,
        maximumSize: Int64?,
        bodyIdleTimeout: Duration? = nil,
        requestTimeout: Duration? = nil
    ) {
        self.stagingFolder = stagingFolder
        self.maximumSize = maximumSize
        self.bodyIdleTimeout = bodyIdleTimeout
        self.requestTimeout = requestTimeout
    }

    /// The deadlines every body is read under.
    var deadline: BodyDeadline {
        BodyDeadline(idleTimeout: bodyIdleTimeout, totalTimeout: requestTimeout)
    }

    /// Refuses a body over the limit by its `Content-Length`, and a `Content-Encoding` other than `identity`, before
    /// any byte is read (`ErrorResponseMiddleware` then closes the connection after the answer).
    func checkHead(_ request: Request) throws(UploadError) {
        let contentLength = request.headers[.contentLength].flatMap { Int64($0) }
        if let maximumSize, let contentLength, contentLength > maximumSize {
            throw UploadError.tooLarge(limit: maximumSize)
        }
        if let encoding = request.headers[.contentEncoding]?.trimmingCharacters(in: .whitespaces),
            !encoding.isEmpty, encoding.lowercased() != "identity"
        {
            throw UploadError.unsupportedContentEncoding(encoding)
        }
    }

    /// Stages the upload of `request`; `inBody` is the request's parsed `inbody` query parameter.
    ///
    /// - Returns: The staged upload, or `nil` when the request carries none.
    /// - Throws: ``UploadError`` when the upload is refused; the body's or the file system's error otherwise.
    package func receive(_ request: Request, inBody: Bool) async throws -> ReceivedUpload? {
        try checkHead(request)
        return try await deadline.run { progress in
            try await receiveChecked(request, inBody: inBody, progress: progress)
        } discard: { upload in
            if let upload { await StagingArea(folder: stagingFolder).remove(upload.file) }
        }
    }

    private func receiveChecked(
        _ request: Request,
        inBody: Bool,
        progress: BodyProgress
    ) async throws -> ReceivedUpload? {
        let contentType = request.headers[.contentType]
        let mediaType = UploadMediaType(contentType)
        let contentLength = request.headers[.contentLength].flatMap { Int64($0) }
        // Only an announced empty body skips the staging file; anything else is read to find out.
        let announcedEmpty = contentLength == 0

        if let mediaType, mediaType.isMultipartForm || mediaType.isURLEncodedForm {
            // XNAT's isMultiPartFormData claims both; its multipart parser then refuses url-encoded bodies. An empty
            // url-encoded body (`curl -d ''`) is let through as "no upload".
            guard !inBody else { throw UploadError.multipartInBody }
            guard mediaType.isMultipartForm else {
                for try await chunk in request.body where chunk.readableBytes > 0 {
                    throw UploadError.formURLEncoded
                }
                return nil
            }
            guard let boundary = mediaType.boundary else {
                throw UploadError.malformedMultipart("the Content-Type has no usable boundary")
            }
            return try await receiveMultipart(request.body, boundary: boundary, progress: progress)
        }
        if inBody || mediaType?.isUploadType == true {
            return try await receiveInBody(
                request.body,
                mediaType: mediaType,
                contentType: contentType,
                announcedEmpty: announcedEmpty,
                emptyIsNoUpload: false,
                progress: progress
            )
        }
        if mediaType == nil {
            return try await receiveInBody(
                request.body,
                mediaType: nil,
                contentType: nil,
                announcedEmpty: announcedEmpty,
                emptyIsNoUpload: true,
                progress: progress
            )
        }
        return nil
    }

    /// The whole body is the file. `emptyIsNoUpload`: an empty body is no upload (`nil`) rather than refused; for
    /// bodies without a `Content-Type` or `inbody`, which are uploads only when they have bytes.
    func receiveInBody(
        _ body: RequestBody,
        mediaType: UploadMediaType?,
        contentType: String?,
        announcedEmpty: Bool,
        emptyIsNoUpload: Bool,
        emptyIsFile: Bool = false,
        progress: BodyProgress
    ) async throws -> ReceivedUpload? {
        // XNAT lets an empty application/zip through ("streaming zip"); the importer then fails on its format.
        let emptyIsAllowed = emptyIsFile || mediaType?.name == "application/zip"
        if announcedEmpty, !emptyIsAllowed {
            if emptyIsNoUpload { return nil }
            throw UploadError.emptyBody
        }
        let staging = StagingArea(folder: stagingFolder)
        let (file, size) = try await staging.stage { writer in
            var size: Int64 = 0
            defer { progress.finished() }
            for try await chunk in body {
                progress.arrived()
                size += Int64(chunk.readableBytes)
                if let maximumSize, size > maximumSize {
                    throw UploadError.tooLarge(limit: maximumSize)
                }
                try await writer.write(contentsOf: chunk)
            }
            return size
        }
        if size == 0, !emptyIsAllowed {
            await staging.remove(file)
            if emptyIsNoUpload { return nil }
            throw UploadError.emptyBody
        }
        return ReceivedUpload(
            file: file,
            clientFileName: UploadMediaType.inBodyFileName(for: mediaType),
            contentType: contentType,
            size: size
        )
    }

    /// A `multipart/form-data` body: its one file part is the file.
    func receiveMultipart(
        _ body: RequestBody,
        boundary: String,
        progress: BodyProgress
    ) async throws -> ReceivedUpload? {
        let reader = MultipartUploadReader(boundary: boundary, maximumSize: maximumSize, progress: progress)
        let staging = StagingArea(folder: stagingFolder)
        let (file, result) = try await staging.stage { writer in
            try await reader.read(body, into: &writer)
        }
        guard let part = result.file else {
            await staging.remove(file)
            return nil
        }
        return ReceivedUpload(
            file: file,
            clientFileName: part.clientFileName,
            contentType: part.contentType,
            size: part.size,
            formFields: result.fields
        )
    }
}
