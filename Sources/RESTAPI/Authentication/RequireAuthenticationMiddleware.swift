import Hummingbird
import XNATImport

/// Refuses requests without a logged-in user with 401 and a plain-text body.
///
/// Added after the public routes, so it guards every route added later and the not-found responder: like XNAT,
/// an anonymous request to an unknown `/data/…` path gets 401, not 404 (`xnat-clients.md` §9, item 13).
struct RequireAuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        _ = try context.requireUser()
        return try await next(request, context)
    }
}
