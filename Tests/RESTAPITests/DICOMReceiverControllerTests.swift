import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import Testing
import XNATImport

/// `/xapi/dicomscp` (XNAT's `DicomSCPApi`): the rows, validation, and that listeners are started and stopped
/// as receivers change. The listeners themselves are faked; tests/interop/test_dicom_receiver.py sends real
/// C-STOREs to real ones.
@Suite struct DICOMReceiverControllerTests {
    /// Records starts and stops; refuses to "listen" on the ports in `busyPorts`.
    actor RecordingControl: DICOMReceiverControl {
        var events: [String] = []
        let busyPorts: Set<Int>

        init(busyPorts: Set<Int> = []) {
            self.busyPorts = busyPorts
        }

        func start(_ receiver: DICOMReceiverDefinition) async throws {
            guard !busyPorts.contains(receiver.port) else { throw CocoaError(.fileLocking) }
            events.append("start \(receiver.id) \(receiver.aeTitle):\(receiver.port)")
        }

        func stop(id: Int) async {
            events.append("stop \(id)")
        }
    }

    private static let admin = ImportTesting.admin

    private static func withReceivers(
        busyPorts: Set<Int> = [],
        _ test: @escaping @Sendable (any TestClientProtocol, RecordingControl) async throws -> Void
    ) async throws {
        try await withTestServices { services in
            var services = services
            let control = RecordingControl(busyPorts: busyPorts)
            services.dicomReceivers = DICOMReceiverService(store: services.store, control: control)
            let app = buildApplication(
                configuration: HTTPConfiguration(host: "127.0.0.1", port: 0),
                services: services,
                logger: Logger(label: "test")
            )
            try await app.test(.router) { client in try await test(client, control) }
        }
    }

    private static func send(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        json: String? = nil,
        headers: HTTPFields = admin
    ) async throws -> TestResponse {
        var headers = headers
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(
            uri: uri,
            method: method,
            headers: headers,
            body: json.map { ByteBuffer(string: $0) }
        )
    }

    private static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    @Test func aReceiverIsCreatedListedUpdatedAndDeleted() async throws {
        try await Self.withReceivers { client, control in
            let created = try await Self.send(
                client, .post, "/xapi/dicomscp",
                json: #"{"aeTitle":" SCANNER ","port":11112,"whitelistEnabled":true,"whitelist":["MODALITY"]}"#
            )
            #expect(created.status == .ok, "\(created.text)")
            let receiver = try Self.object(created)
            let id = try #require(receiver["id"] as? Int)
            #expect(receiver["aeTitle"] as? String == "SCANNER")
            #expect(receiver["enabled"] as? Bool == true)
            #expect(receiver["whitelist"] as? [String] == ["MODALITY"])

            let listed = try await Self.send(client, .get, "/xapi/dicomscp")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.text.utf8)) as? [[String: Any]])
            #expect(rows.map { $0["id"] as? Int } == [id])
            #expect(try await Self.send(client, .get, "/xapi/dicomscp/\(id)").status == .ok)

            let updated = try await Self.send(client, .put, "/xapi/dicomscp/\(id)", json: #"{"port":11113}"#)
            #expect(updated.status == .ok, "\(updated.text)")
            #expect(try Self.object(updated)["port"] as? Int == 11113)
            #expect(try Self.object(updated)["aeTitle"] as? String == "SCANNER")

            let disabled = try await Self.send(client, .put, "/xapi/dicomscp/\(id)", json: #"{"enabled":false}"#)
            #expect(try Self.object(disabled)["enabled"] as? Bool == false)

            #expect(try await Self.send(client, .delete, "/xapi/dicomscp/\(id)").status == .ok)
            #expect(try await Self.send(client, .get, "/xapi/dicomscp/\(id)").status == .notFound)
            #expect(
                await control.events == [
                    "start \(id) SCANNER:11112", "stop \(id)", "start \(id) SCANNER:11113", "stop \(id)", "stop \(id)",
                ]
            )
        }
    }

    @Test(arguments: [
        #"{"port":11112}"#,
        #"{"aeTitle":"A","port":0}"#,
        #"{"aeTitle":"A","port":70000}"#,
        #"{"aeTitle":"SEVENTEEN_CHARS__","port":11112}"#,
        #"{"aeTitle":"A\\B","port":11112}"#,
        #"{"aeTitle":"A","port":"11112"}"#,
        #"["aeTitle"]"#,
        "not json",
    ])
    func invalidReceiversAreRefused(body: String) async throws {
        try await Self.withReceivers { client, control in
            let response = try await Self.send(client, .post, "/xapi/dicomscp", json: body)
            #expect(response.status == .badRequest, "\(body): \(response.text)")
            #expect(await control.events.isEmpty)
            #expect(try await Self.send(client, .get, "/xapi/dicomscp").text == "[]")
        }
    }

    @Test func aPortThatCannotBeBoundIsAConflictAndLeavesNoRow() async throws {
        try await Self.withReceivers(busyPorts: [11200]) { client, control in
            let response = try await Self.send(client, .post, "/xapi/dicomscp", json: #"{"aeTitle":"A","port":11200}"#)
            #expect(response.status == .conflict, "\(response.text)")
            #expect(try await Self.send(client, .get, "/xapi/dicomscp").text == "[]")
            #expect(await control.events.isEmpty)
        }
    }

    @Test func onlyAdministratorsChangeReceivers() async throws {
        try await Self.withReceivers { client, control in
            let created = try await Self.send(client, .post, "/xapi/dicomscp", json: #"{"aeTitle":"A","port":11300}"#)
            let id = try #require(try Self.object(created)["id"] as? Int)
            let user = TestAccounts.userHeaders
            #expect(
                try await Self.send(client, .post, "/xapi/dicomscp", json: #"{"aeTitle":"B","port":11301}"#, headers: user)
                    .status == .forbidden
            )
            #expect(
                try await Self.send(client, .put, "/xapi/dicomscp/\(id)", json: #"{"port":11302}"#, headers: user).status
                    == .forbidden
            )
            #expect(try await Self.send(client, .delete, "/xapi/dicomscp/\(id)", headers: user).status == .forbidden)
            #expect(await control.events == ["start \(id) A:11300"])
        }
    }
}
