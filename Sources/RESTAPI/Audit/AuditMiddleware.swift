import Foundation
import Hummingbird
import Logging
import XNATImport

/// Records every request that changed something or downloaded files in the audit log (issue 8), after it was
/// answered, with the caller, the path and query, and the status. A failure to record is logged, never answered:
/// the request's work is done by then.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let store: any MetadataStore

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let action = AuditEvent.action(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query ?? ""
        )
        guard let action, let user = context.identity?.session.user else { return try await next(request, context) }
        var status = 500
        defer {
            let event = AuditEvent(
                time: Date(), login: user.login, action: action, method: request.method.rawValue,
                target: request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""), status: status
            )
            let store = self.store
            let logger = context.logger
            Task {
                do {
                    try await store.insertAuditEvent(event)
                } catch {
                    logger.error("Could not record an audit event", metadata: ["error": "\(error)"])
                }
            }
        }
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            status = Int(error.status.code)
            throw error
        } catch {
            status = Int(ErrorResponse(for: error).response.status.code)
            throw error
        }
    }
}
