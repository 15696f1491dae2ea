import Hummingbird

extension Response {
    /// A response whose body is `text` as `text/plain; charset=utf-8`.
    static func plainText(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        Response.text(text, contentType: "text/plain; charset=utf-8", status: status, headers: headers)
    }

    /// A response whose body is `text` (UTF-8) with the given `Content-Type`.
    static func text(
        _ text: String,
        contentType: String,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
