import Hummingbird
import Logging

/// Turns every error thrown by a route (or by the not-found responder) into a plain-text ``ErrorResponse``.
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let errorResponse = ErrorResponse(for: error)
            if errorResponse.closesConnection {
                ConnectionClosing.requestForCurrentConnection()
            }
            if errorResponse.status.kind == .serverError {
                context.logger.error("Request failed", metadata: [LogMetadataKey.error: "\(String(reflecting: error))"])
            } else {
                context.logger.debug(
                    "Request refused",
                    metadata: [LogMetadataKey.error: "\(String(reflecting: error))"]
                )
            }
            return errorResponse.response
        }
    }
}
