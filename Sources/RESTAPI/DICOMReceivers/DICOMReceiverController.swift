import Foundation
import Hummingbird
import XNATImport

/// XNAT's DICOM SCP receiver API (`DicomSCPApi`), JSON in and out with `DicomSCPInstance` field names:
///
/// - `GET /xapi/dicomscp`: every receiver stored in the database (the `--dicom-port` one is not listed).
/// - `GET /xapi/dicomscp/{id}`: one receiver; 404 if there is none.
/// - `POST /xapi/dicomscp`: creates one (administrators): 200 and the receiver with its `id`; started at once when
///   enabled (the default). 400 for an invalid AE title, port or routing expression; 409 when the port is taken.
/// - `PUT /xapi/dicomscp/{id}`: updates the fields sent (administrators) and restarts or stops the listener.
/// - `DELETE /xapi/dicomscp/{id}`: stops and removes it (administrators).
struct DICOMReceiverController {
    let receivers: DICOMReceiverService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/xapi/dicomscp") { _, _ in try json(try await receivers.list()) }
        router.post("/xapi/dicomscp") { request, context in
            try requireAdministrator(context)
            let fields = try await Self.fields(request, context)
            guard let title = fields["aeTitle"] as? String, let port = fields["port"] as? Int else {
                throw ImportError(.invalidRequest, "aeTitle and port are required")
            }
            var receiver = DICOMReceiverDefinition(aeTitle: title, port: port)
            try Self.apply(fields, to: &receiver)
            return try json(try await receivers.create(receiver))
        }
        router.get("/xapi/dicomscp/:id") { _, context in try json(try await receivers.receiver(id: try Self.id(context))) }
        router.put("/xapi/dicomscp/:id") { request, context in
            try requireAdministrator(context)
            let id = try Self.id(context)
            var receiver = try await receivers.receiver(id: id)
            try Self.apply(try await Self.fields(request, context), to: &receiver)
            return try json(try await receivers.update(id: id, receiver))
        }
        router.delete("/xapi/dicomscp/:id") { _, context in
            try requireAdministrator(context)
            try await receivers.delete(id: try Self.id(context))
            return Response(status: .ok)
        }
    }

    private func requireAdministrator(_ context: AppRequestContext) throws {
        let user = try context.requireUser()
        guard user.isAdministrator else {
            throw ImportError(.notPermitted, "User \(user.login) may not change DICOM SCP receivers")
        }
    }

    private func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        return Response.text(text, contentType: ResultSetFormat.json.contentType)
    }

    private static func id(_ context: AppRequestContext) throws -> Int {
        guard let text = context.parameters.get("id"), let id = Int(text) else {
            throw ImportError(.notFound, "No DICOM SCP receiver with ID \(context.parameters.get("id") ?? "")")
        }
        return id
    }

    private static func fields(_ request: Request, _ context: AppRequestContext) async throws -> [String: Any] {
        let body = try await request.body.collect(upTo: 1 << 20)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw ImportError(.invalidRequest, "The body must be a JSON object")
        }
        return object
    }

    /// Sets the fields present in `fields` (XNAT names); a field of the wrong type is 400.
    private static func apply(_ fields: [String: Any], to receiver: inout DICOMReceiverDefinition) throws {
        func value<T>(_ key: String, _ type: T.Type) throws -> T? {
            guard let raw = fields[key], !(raw is NSNull) else { return nil }
            if T.self == Bool.self, let number = raw as? NSNumber { return number.boolValue as? T }
            guard let typed = raw as? T else { throw ImportError(.invalidRequest, "\(key) has the wrong type") }
            return typed
        }
        if let v = try value("aeTitle", String.self) { receiver.aeTitle = v }
        if let v = try value("port", Int.self) { receiver.port = v }
        if let v = try value("enabled", Bool.self) { receiver.enabled = v }
        if let v = try value("customProcessing", Bool.self) { receiver.customProcessing = v }
        if let v = try value("directArchive", Bool.self) { receiver.directArchive = v }
        if let v = try value("anonymizationEnabled", Bool.self) { receiver.anonymizationEnabled = v }
        if let v = try value("whitelistEnabled", Bool.self) { receiver.whitelistEnabled = v }
        if let v = try value("whitelist", [String].self) { receiver.whitelist = v }
        if let v = try value("routingExpressionsEnabled", Bool.self) { receiver.routingExpressionsEnabled = v }
        if let v = try value("projectRoutingExpression", String.self) { receiver.projectRoutingExpression = v }
        if let v = try value("subjectRoutingExpression", String.self) { receiver.subjectRoutingExpression = v }
        if let v = try value("sessionRoutingExpression", String.self) { receiver.sessionRoutingExpression = v }
        if let v = try value("defaultProject", String.self) { receiver.defaultProject = v }
    }
}
