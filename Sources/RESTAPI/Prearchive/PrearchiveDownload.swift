import Foundation
import Hummingbird
import Unpacking

/// `GET …/{P}/{TS}/{S}?format=zip`: the session folder as a zip streamed straight from disk, entries named
/// `<folder>/SCANS/…` (xnatpy's `download`, the desktop client).
enum PrearchiveDownload {
    static func response(folder: URL, name: String) throws -> Response {
        let stream = FolderZipStream(folder: folder, entryPrefix: name)
        var headers: HTTPFields = [.contentType: "application/zip"]
        headers[.contentDisposition] = "attachment; filename=\"\(name).zip\""
        return Response(
            status: .ok,
            headers: headers,
            body: ResponseBody { writer in
                try await stream.write { bytes in try await writer.write(ByteBuffer(bytes: bytes)) }
                try await writer.finish(nil)
            }
        )
    }
}
