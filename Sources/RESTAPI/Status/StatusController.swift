import Foundation
import Hummingbird
import XNATImport

/// Progress of operations started with `http-session-listener` or `transaction` (`xnat-import-spec.md` §9), private
/// to the user who started them (another user's id is 404):
///
/// * `GET /data/status/{id}?format=json` — `{"msgs":[[{"status":"PROCESSING","msg":"…","terminal":false},…]]}`
///   (nested once, as XNAT nests it; an unknown id has an empty list); `format=html` or `Accept: text/html` — an
///   HTML table; otherwise `text/plain`: `StatusLog` then one line per message, `<id> <STATUS>: <text>`, with
///   ` (terminal)` on the last;
/// * `POST /data/status/{id}` with form fields `status` and `message` — appends a message; `DELETE` — removes the list;
/// * `GET /xapi/event_tracking/{id}` — `{"key","payload","succeeded","finalMessage"}` (`succeeded` and
///   `finalMessage` are null until the terminal message), and `…/payload` — the payload alone.
struct StatusController {
    let statuses: StatusRegistry

    func addRoutes(to router: Router<AppRequestContext>) {
        for path in XNATPath.service("/status/:id") {
            router.get(RouterPath(path)) { request, context in try await show(request, context) }
            router.post(RouterPath(path)) { request, context in try await append(request, context) }
            router.delete(RouterPath(path)) { _, context in
                let user = try context.requireUser()
                _ = await statuses.remove(Self.id(context), user: user.login)
                return Response(status: .ok)
            }
        }
        router.get("/xapi/event_tracking/:id") { _, context in
            let (id, log) = try await tracked(context)
            return Response.text(Self.tracking(id: id, log: log), contentType: ResultSetFormat.json.contentType)
        }
        router.get("/xapi/event_tracking/:id/payload") { _, context in
            let (_, log) = try await tracked(context)
            return Response.text(Self.payload(log), contentType: ResultSetFormat.json.contentType)
        }
    }

    static func id(_ context: AppRequestContext) -> String {
        ArchiveReadController.parameter("id", context)
    }

    /// The user's log of `{id}`; 404 when there is none (or it is another user's).
    private func tracked(_ context: AppRequestContext) async throws -> (String, StatusRegistry.Log) {
        let user = try context.requireUser()
        let id = Self.id(context)
        guard case .found(let log) = await statuses.lookup(id, user: user.login) else {
            throw ImportError(.notFound, "No event tracking data for \(id)")
        }
        return (id, log)
    }

    private func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = Self.id(context)
        let messages: [StatusMessage]
        switch await statuses.lookup(id, user: user.login) {
        case .found(let log): messages = log.messages
        case .unknown: messages = []
        case .foreign: throw ImportError(.notFound, "No status list \(id)")
        }
        let format = request.uri.queryParameters.get("format")?.lowercased()
        if format == "json" {
            let items = messages.map { message in
                #"{"status":"# + JSONText.quoted(message.status.rawValue) + #","msg":"# + JSONText.quoted(message.text)
                    + #","terminal":"# + (message.isTerminal ? "true" : "false") + "}"
            }
            return Response.text(#"{"msgs":[["# + items.joined(separator: ",") + "]]}", contentType: ResultSetFormat.json.contentType)
        }
        if format == "html" || (format == nil && request.headers[.accept]?.contains("text/html") == true) {
            let rows = messages.map { message in
                "<tr><td class=\"s\(message.status.rawValue)\">\(message.status.rawValue)</td><td>"
                    + XMLEscaping.escaped(message.text, in: .text) + "</td></tr>"
            }
            return Response.text(
                "<html><body><table>" + rows.joined() + "</table></body></html>",
                contentType: "text/html; charset=utf-8"
            )
        }
        let lines = messages.map { message in
            "\(id) \(message.status.rawValue): \(message.text)" + (message.isTerminal ? " (terminal)" : "") + "\n"
        }
        return Response.plainText("StatusLog" + lines.joined())
    }

    private func append(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let parameters = try await RequestParameters(request)
        guard let name = parameters["status"], let status = StatusMessage.Status(rawValue: name.uppercased()) else {
            throw ImportError(.invalidRequest, "status must be PROCESSING, WARNING, FAILED or COMPLETED")
        }
        let terminal = status == .failed || status == .completed
        await statuses.append(
            StatusMessage(status, parameters["message"] ?? "", terminal: terminal),
            to: Self.id(context),
            owner: user.login
        )
        return Response(status: .ok)
    }

    /// The event-tracking record: its key, payload, and outcome once a terminal message arrived.
    static func tracking(id: String, log: StatusRegistry.Log) -> String {
        let terminal = log.messages.last { $0.isTerminal }
        let succeeded = terminal.map { $0.status == .completed ? "true" : "false" } ?? "null"
        let final = terminal.map { JSONText.quoted($0.text) } ?? "null"
        return #"{"key":"# + JSONText.quoted(id) + #","payload":"# + JSONText.quoted(payload(log)) + #","succeeded":"#
            + succeeded + #","finalMessage":"# + final + "}"
    }

    /// The payload: a JSON log `{"entryList":[{"status","eventTime","message"},…]}`.
    static func payload(_ log: StatusRegistry.Log) -> String {
        let entries = log.messages.map { message in
            #"{"status":"# + JSONText.quoted(message.status.rawValue) + #","eventTime":"#
                + String(Int64(message.time.timeIntervalSince1970 * 1000)) + #","message":"# + JSONText.quoted(message.text)
                + "}"
        }
        return #"{"entryList":["# + entries.joined(separator: ",") + "]}"
    }
}
