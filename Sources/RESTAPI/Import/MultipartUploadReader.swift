import Foundation
import Hummingbird
import MultipartKit
import _NIOFileSystem

/// Reads a `multipart/form-data` import body as XNAT's importer does (commons-fileupload): every part whose
/// `Content-Disposition` has a `filename` is a file and its bytes go to the staged file; the other parts are form
/// fields. Parsing is MultipartKit's `MultipartParser`, fed one body chunk at a time, so memory stays bounded.
struct MultipartUploadReader {
    /// The longest form field value.
    static let maximumFieldBytes = 64 * 1024
    /// The most form fields in one body.
    static let maximumFieldCount = 1000
    /// The most body bytes that may pass without any part content: bounds the part headers MultipartKit collects
    /// (it keeps a header line in memory until it ends) and gives up early on a body without the boundary.
    static let maximumBytesWithoutContent = 64 * 1024

    /// The file part, once its headers have been read.
    struct FilePart: Equatable {
        var clientFileName: String
        var contentType: String?
        var size: Int64 = 0
    }

    /// The body's one file part (if any) and its form fields in body order.
    struct Result {
        var file: FilePart?
        var fields: [ReceivedUpload.FormField] = []
    }

    private enum Part {
        case headers([(name: String, value: String)])
        case file
        case field(name: String, value: ByteBuffer)
        case ignored
    }

    var boundary: String
    var maximumSize: Int64?
    /// Told of every chunk, for ``BodyDeadline``.
    var progress: BodyProgress

    /// Reads `body`, writing the file part's bytes to `writer`; throws ``UploadError`` for refused or malformed bodies.
    func read(_ body: RequestBody, into writer: inout BufferedWriter<WriteFileHandle>) async throws -> Result {
        let parser = MultipartParser(boundary: boundary)
        let events = ParserEvents()
        parser.onHeader = { events.append(.header(name: $0, value: $1)) }
        parser.onBody = { events.appendBody(&$0) }
        parser.onPartComplete = { events.append(.partComplete) }

        var result = Result()
        var part = Part.headers([])
        var received: Int64 = 0
        var bytesWithoutContent = 0
        defer { progress.finished() }
        for try await chunk in body {
            progress.arrived()
            received += Int64(chunk.readableBytes)
            if let maximumSize, received > maximumSize {
                throw UploadError.tooLarge(limit: maximumSize)
            }
            do {
                try parser.execute(chunk)
            } catch {
                throw UploadError.malformedMultipart("a boundary line or a part's headers are invalid")
            }
            let batch = events.take()
            if batch.contains(where: \.isContent) {
                bytesWithoutContent = 0
            } else {
                bytesWithoutContent += chunk.readableBytes
                if bytesWithoutContent > Self.maximumBytesWithoutContent {
                    throw UploadError.malformedMultipart(
                        "more than \(Self.maximumBytesWithoutContent) bytes without part content "
                            + "(part headers too long, or the boundary is missing)"
                    )
                }
            }
            for event in batch {
                try await handle(event, part: &part, result: &result, writer: &writer)
            }
        }
        // MultipartKit does not say whether the closing delimiter came. After it the parser ignores everything, in
        // any other state this delimiter, blank line and byte makes it report something (or throw).
        let probe = "\r\n--\(boundary)\r\n\r\nx"
        if (try? parser.execute(probe)) == nil || !events.take().isEmpty {
            throw UploadError.malformedMultipart("the body ends before the closing boundary")
        }
        return result
    }

    private func handle(
        _ event: ParserEvents.Event,
        part: inout Part,
        result: inout Result,
        writer: inout BufferedWriter<WriteFileHandle>
    ) async throws {
        switch event {
        case .header(let name, let value):
            if case .headers(var headers) = part {
                headers.append((name, value))
                part = .headers(headers)
            }
        case .body(let bytes):
            if case .headers(let headers) = part {
                part = try classify(headers, result: &result)
            }
            switch part {
            case .file:
                result.file?.size += Int64(bytes.readableBytes)
                try await writer.write(contentsOf: bytes)
            case .field(let name, var value):
                guard value.readableBytes + bytes.readableBytes <= Self.maximumFieldBytes else {
                    throw UploadError(
                        status: .badRequest,
                        message: "The multipart form field \(name) is longer than \(Self.maximumFieldBytes) bytes"
                    )
                }
                part = .ignored  // drop the enum's reference so `value` grows in place
                value.writeImmutableBuffer(bytes)
                part = .field(name: name, value: value)
            case .headers, .ignored:
                break
            }
        case .partComplete:
            if case .headers(let headers) = part {
                part = try classify(headers, result: &result)
            }
            if case .field(let name, let value) = part {
                result.fields.append(.init(name: name, value: String(buffer: value)))
            }
            part = .headers([])
        }
    }

    /// Decides what a part is from its headers, refusing what XNAT refuses.
    private func classify(_ headers: [(name: String, value: String)], result: inout Result) throws -> Part {
        func header(_ name: String) -> String? {
            headers.last { $0.name.lowercased() == name }?.value
        }
        // commons-fileupload skips parts without a form-data name.
        guard let disposition = header("content-disposition").map(ParameterizedHeaderValue.init),
            disposition.value == "form-data" || disposition.value == "attachment",
            let name = disposition.parameters["name"]
        else {
            return .ignored
        }
        guard let fileName = disposition.parameters["filename"] else {
            guard name != "reference" else { throw UploadError.reference }
            guard result.fields.count < Self.maximumFieldCount else {
                throw UploadError(
                    status: .badRequest,
                    message: "The multipart form has more than \(Self.maximumFieldCount) fields"
                )
            }
            return .field(name: name, value: ByteBuffer())
        }
        let baseName = Self.baseName(fileName)
        guard !baseName.isEmpty else { throw UploadError.missingFileName }
        guard result.file == nil else { throw UploadError.moreThanOneUpload }
        result.file = FilePart(clientFileName: baseName, contentType: header("content-type"))
        return .file
    }

    /// The file name without a client path: what follows the last `\` (Windows, as XNAT strips it) or `/`.
    static func baseName(_ fileName: String) -> String {
        let trimmed = fileName.trimmingCharacters(in: .whitespaces)
        return String(trimmed.split(separator: "\\", omittingEmptySubsequences: false).last ?? "")
            .split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }
}

/// What `MultipartParser` reported while parsing one chunk. Its callbacks cannot suspend, so they are queued here
/// and replayed; consecutive body slices (the parser cuts at every CR) are joined into one buffer.
private final class ParserEvents {
    enum Event {
        case header(name: String, value: String)
        case body(ByteBuffer)
        case partComplete

        /// Part content or a part's end: proof that the body is progressing past headers.
        var isContent: Bool {
            if case .header = self { false } else { true }
        }
    }

    private var events: [Event] = []
    private var pendingBody: ByteBuffer?

    func append(_ event: Event) {
        flushBody()
        events.append(event)
    }

    func appendBody(_ bytes: inout ByteBuffer) {
        if pendingBody == nil {
            pendingBody = bytes
        } else {
            pendingBody!.writeBuffer(&bytes)
        }
    }

    /// The events since the last call, in order.
    func take() -> [Event] {
        flushBody()
        let taken = events
        events = []
        return taken
    }

    private func flushBody() {
        if let body = pendingBody {
            pendingBody = nil
            events.append(.body(body))
        }
    }
}
