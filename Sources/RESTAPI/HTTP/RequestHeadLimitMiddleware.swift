import Hummingbird

/// Refuses a request whose head is over ``RequestLimits/maximumHeaderBytes`` before anything else reads it: a
/// request target (path and query) over the limit is 414, header fields over it in total are 431. Both close the
/// connection after the answer.
///
/// SwiftNIO's parser refuses far larger heads itself (``RequestLimits/parserHeaderBytes``) with an empty 400; this
/// middleware gives the heads in between a plain-text answer that names the limit.
struct RequestHeadLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    var maximumBytes: Int

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let targetBytes = request.head.path?.utf8.count ?? 0
        if targetBytes > maximumBytes {
            throw RequestLimitError.uriTooLong(bytes: targetBytes, limit: maximumBytes)
        }
        // Each field as it travels: `name: value` and CRLF.
        let headerBytes = request.headers.reduce(0) { total, field in
            total + field.name.rawName.utf8.count + field.value.utf8.count + 4
        }
        if headerBytes > maximumBytes {
            throw RequestLimitError.headersTooLarge(bytes: headerBytes, limit: maximumBytes)
        }
        return try await next(request, context)
    }
}

/// A request that broke one of ``RequestLimits``: the status and the plain-text message.
struct RequestLimitError: Error, Equatable {
    var status: HTTPResponse.Status
    var message: String

    static func uriTooLong(bytes: Int, limit: Int) -> RequestLimitError {
        RequestLimitError(
            status: .uriTooLong,
            message: "The request target is \(bytes) bytes long, over the limit of \(limit) bytes"
        )
    }

    static func headersTooLarge(bytes: Int, limit: Int) -> RequestLimitError {
        RequestLimitError(
            status: .requestHeaderFieldsTooLarge,
            message: "The request's header fields are \(bytes) bytes, over the limit of \(limit) bytes"
        )
    }
}
