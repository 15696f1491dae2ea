import Hummingbird
import Logging

/// Adds `request.id` to the request's logger (and to `Logger.current` for code called by the handler), and logs
/// each response at debug level.
struct RequestLoggingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        // Reuse Hummingbird's id so our lines and its own lines for the same request match.
        let requestID = context.logger[metadataKey: "hb.request.id"] ?? .stringConvertible(RequestID())
        context.logger[metadataKey: LogMetadataKey.requestID] = requestID
        let logger = context.logger
        let response = try await withLogger(logger) { _ in
            try await next(request, context)
        }
        logger.debug(
            "Handled request",
            metadata: [
                LogMetadataKey.httpMethod: "\(request.method)",
                LogMetadataKey.httpPath: "\(request.uri.path)",
                LogMetadataKey.httpStatus: "\(response.status.code)",
            ]
        )
        return response
    }
}
