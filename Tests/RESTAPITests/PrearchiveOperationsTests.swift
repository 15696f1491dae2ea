import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// The prearchive operations through the router (`xnat-import-spec.md` §4.4, §4.6): `action=move|reset-status|
/// set-status`, `DELETE …/{P}/{TS}/{S}` and `POST /data/services/prearchive/{move,delete,rebuild}`, on a real
/// SQLite store and data folder: what lands on disk, in the table, in the session document and in its log.
@Suite struct PrearchiveOperationsTests {
    static let admin = ImportTesting.admin
    static let user = TestAccounts.userHeaders

    // MARK: - action=move

    @Test func moveCarriesFolderDocumentAndRowToTheNewProject() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client, commit: true)
            let layout = services.prearchive.layout
            let before = try await services.prearchive.session(key)
            let files = ImportTesting.files(under: layout.sessionFolder(of: key))

            let response = try await Self.post(client, "/data\(key.url)?action=move&newProject=P2")
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.contentType] == "text/uri-list")
            #expect(response.headers[.location] == nil)
            let target = try Self.key("P2", key)
            #expect(response.text == "/data\(target.url)\r\n")

            #expect(!Self.exists(layout.sessionFolder(of: key)))
            #expect(!Self.exists(layout.sessionDocument(of: key)))
            #expect(!Self.exists(layout.timestampFolder(of: key)))
            let moved = ImportTesting.files(under: layout.sessionFolder(of: target))
            #expect(moved.filter { !$0.hasPrefix("logs/") } == files)
            #expect(try await services.store.prearchiveSession(key) == nil)
            var after = try await services.prearchive.session(target)
            #expect(after.status == .ready)
            after.key = key
            after.status = before.status
            after.lastModified = before.lastModified
            #expect(after == before)

            let document = try SessionDocument(xml: Data(contentsOf: layout.sessionDocument(of: target)))
            #expect(document.project == "P2")
            #expect(document.prearchivePath == layout.sessionFolder(of: target).path)
            #expect(document.scans.map(\.id) == ["4"])
            #expect(Self.log(layout, target).contains("Moved from \(key.url) to \(target.url)"))

            let served = try await client.execute(
                uri: "/data\(target.url)?format=json",
                method: .get,
                headers: Self.admin
            )
            #expect(served.status == .ok)
            #expect(served.text.contains("\"status\":\"READY\""))
        }
    }

    @Test func aSessionWithoutADocumentIsStillReceivingAfterTheMove() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client)
            let response = try await Self.post(client, "/REST\(key.url)?action=move&newProject=P2")
            #expect(response.status == .movedPermanently)
            let target = try Self.key("P2", key)
            #expect(try await services.prearchive.session(target).status == .receiving)
            #expect(!Self.exists(services.prearchive.layout.sessionDocument(of: target)))
            #expect(
                ImportTesting.files(under: services.prearchive.layout.sessionFolder(of: target)).contains(
                    "SCANS/4/DICOM/a.dcm"
                )
            )
        }
    }

    @Test func moveRefusalsChangeNothing() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client, commit: true)
            let layout = services.prearchive.layout

            let unknown = try await Self.post(client, "/data\(key.url)?action=move&newProject=NOPE")
            #expect(unknown.status == .notFound)
            #expect(unknown.text == "Project NOPE not found")
            let noProject = try await Self.post(client, "/data\(key.url)?action=move")
            #expect(noProject.status == .badRequest)
            let missing = try await Self.post(
                client,
                "/data/prearchive/projects/P1/20200101_101010/None?action=move&newProject=P2"
            )
            #expect(missing.status == .notFound)

            let same = try await Self.post(client, "/data\(key.url)?action=move&newProject=P1")
            #expect(same.status == .movedPermanently)
            #expect(same.text == "/data\(key.url)\r\n")
            #expect(try await services.prearchive.session(key).status == .ready)

            // A row at the target: 409.
            let target = try Self.key("P2", key)
            #expect(
                try await services.store.insertPrearchiveSession(
                    PrearchiveSession(key: target, name: "x", status: .ready, lastModified: Date())
                )
            )
            let rowClash = try await Self.post(client, "/data\(key.url)?action=move&newProject=P2")
            #expect(rowClash.status == .conflict)
            #expect(try await services.store.deletePrearchiveSession(target))

            // Files at the target without a row: 409, the target row is removed again and the source restored.
            try FileManager.default.createDirectory(
                at: layout.sessionFolder(of: target),
                withIntermediateDirectories: true
            )
            let fileClash = try await Self.post(client, "/data\(key.url)?action=move&newProject=P2")
            #expect(fileClash.status == .conflict)
            #expect(try await services.store.prearchiveSession(target) == nil)
            #expect(try await services.prearchive.session(key).status == .ready)
            #expect(Self.exists(layout.sessionDocument(of: key)))
            #expect(ImportTesting.files(under: layout.sessionFolder(of: key)).contains("SCANS/4/DICOM/a.dcm"))
        }
    }

    @Test func onlyAdministratorsMoveIntoOrOutOfUnassigned() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client, commit: true)
            let layout = services.prearchive.layout
            _ = try await services.store.setProjectRole(.member, project: "P1", login: TestAccounts.user.login)
            let refused = try await Self.post(
                client,
                "/data\(key.url)?action=move&newProject=Unassigned",
                headers: Self.user
            )
            #expect(refused.status == .forbidden)
            #expect(Self.exists(layout.sessionFolder(of: key)))

            let toUnassigned = try await Self.post(client, "/data\(key.url)?action=move&newProject=Unassigned")
            #expect(toUnassigned.status == .movedPermanently)
            let unassigned = try Self.key(nil, key)
            #expect(
                toUnassigned.text
                    == "/data/prearchive/projects/Unassigned/\(key.timestamp.rawValue)/\(key.folderName)\r\n"
            )
            let folder = layout.root.appendingPathComponent(key.timestamp.rawValue).appendingPathComponent(
                key.folderName
            )
            #expect(layout.sessionFolder(of: unassigned).path == folder.path)
            #expect(Self.exists(folder))
            let document = try SessionDocument(xml: Data(contentsOf: layout.sessionDocument(of: unassigned)))
            #expect(document.project == nil)
            #expect(try await services.prearchive.session(unassigned).status == .ready)

            let outByUser = try await Self.post(
                client,
                "/data\(unassigned.url)?action=move&newProject=P1",
                headers: Self.user
            )
            #expect(outByUser.status == .forbidden)
            let outByService = try await Self.post(
                client,
                "/data/services/prearchive/move?src=/data\(unassigned.url)&newProject=P1",
                headers: Self.user
            )
            #expect(outByService.status == .forbidden)
            let back = try await Self.post(client, "/data\(unassigned.url)?action=move&newProject=P1")
            #expect(back.status == .movedPermanently)
            #expect(try SessionDocument(xml: Data(contentsOf: layout.sessionDocument(of: key))).project == "P1")
            #expect(!Self.exists(layout.timestampFolder(of: unassigned)))
            #expect(Self.log(layout, key).contains("Moved from \(unassigned.url) to \(key.url)"))
        }
    }

    @Test func twoMovesAtOnceMoveTheSessionOnce() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client, commit: true)
            async let one = Self.post(client, "/data\(key.url)?action=move&newProject=P2")
            async let two = Self.post(client, "/data\(key.url)?action=move&newProject=P2")
            let statuses = try await [one, two].map(\.status.code).sorted()
            #expect(statuses == [301, 404])
            #expect(try await services.store.prearchiveSessions().map(\.key) == [try Self.key("P2", key)])
        }
    }

    // MARK: - Status actions and locking

    @Test func resetStatusDerivesTheStatusFromTheDocument() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client, commit: true)
            let documentURL = services.prearchive.layout.sessionDocument(of: key)
            func reset() async throws -> PrearchiveStatus {
                let response = try await Self.post(client, "/data\(key.url)?action=reset-status")
                #expect(response.status == .ok)
                #expect(response.text == "/data\(key.url)\r\n")
                return try await services.prearchive.session(key).status
            }
            #expect(try await Self.post(client, "/data\(key.url)?action=set-status&status=ERROR").status == .ok)
            #expect(try await reset() == .ready)

            var document = try SessionDocument(xml: Data(contentsOf: documentURL))
            document.id = "SLUICE_E00001"
            try AtomicFile.write(document.xmlData(), to: documentURL)
            #expect(try await reset() == .archiving)
            #expect(try await Self.post(client, "/data\(key.url)?action=set-status&status=READY").status == .ok)

            try AtomicFile.write(Data("<not a session".utf8), to: documentURL)
            #expect(try await reset() == .error)
            try FileManager.default.removeItem(at: documentURL)
            #expect(try await reset() == .receiving)
            #expect(Self.log(services.prearchive.layout, key).contains("Status reset to RECEIVING"))
        }
    }

    @Test func setStatusForcesAStatusAndRefusesUnknownOnes() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client)
            let forced = try await Self.post(client, "/data\(key.url)?action=set-status&status=ready")
            #expect(forced.status == .ok)
            #expect(forced.headers[.contentType] == "text/uri-list")
            #expect(forced.text == "/data\(key.url)\r\n")
            #expect(try await services.prearchive.session(key).status == .ready)
            #expect(Self.log(services.prearchive.layout, key).contains("Status set from RECEIVING to READY"))

            let bad = try await Self.post(client, "/data\(key.url)?action=set-status&status=DONE")
            #expect(bad.status == .badRequest)
            let none = try await Self.post(client, "/data\(key.url)?action=set-status")
            #expect(none.status == .badRequest)
            let form = try await Self.post(client, "/data\(key.url)?action=set-status", form: "status=_MOVING")
            #expect(form.status == .ok)
            #expect(try await services.prearchive.session(key).status == .pendingMoving)

            let unknown = try await Self.post(client, "/data\(key.url)?action=explode")
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("move, reset-status or set-status"))
        }
    }

    @Test func aLockedSessionRefusesOperationsUntilItsStatusIsSet() async throws {
        try await withOperationsRouter { client, services in
            let key = try await Self.session(client, commit: true)
            #expect(try await Self.post(client, "/data\(key.url)?action=set-status&status=ARCHIVING").status == .ok)
            let attempts = [
                try await Self.post(client, "/data\(key.url)?action=move&newProject=P2"),
                try await Self.post(client, "/data\(key.url)?action=reset-status"),
                try await client.execute(uri: "/data\(key.url)", method: .delete, headers: Self.admin),
                try await Self.post(client, "/data/services/prearchive/delete?src=/data\(key.url)"),
                try await Self.post(client, "/data/services/prearchive/rebuild?src=/data\(key.url)"),
            ]
            for response in attempts {
                #expect(response.status == .conflict)
                #expect(response.text.hasPrefix("session document locked"))
            }
            #expect(try await services.prearchive.session(key).status == .archiving)
            #expect(Self.exists(services.prearchive.layout.sessionFolder(of: key)))
            #expect(try await Self.post(client, "/data\(key.url)?action=set-status&status=READY").status == .ok)
            #expect(
                try await Self.post(client, "/data\(key.url)?action=move&newProject=P2").status == .movedPermanently
            )
        }
    }

    // MARK: - Helpers

    /// Runs `test` on the import router with projects `P1` and `P2`.
    func withOperationsRouter(
        _ test: @escaping @Sendable (any TestClientProtocol, AppServices) async throws -> Void
    ) async throws {
        try await ImportTesting.withImportRouter { client, services in
            let created = try await client.execute(uri: "/data/projects/P2", method: .put, headers: Self.admin)
            #expect(created.status == .ok)
            try await test(client, services)
        }
    }

    /// Imports one instance into a new session of `project` (`nil`: Unassigned), built with `commit`.
    static func session(
        _ client: some TestClientProtocol,
        project: String? = "P1",
        commit: Bool = false,
        patientID: String = "Sample ID"
    ) async throws -> PrearchiveSessionKey {
        var query = project.map { "?PROJECT_ID=\($0)" } ?? "?"
        if commit { query += "&action=commit" }
        let body = try ImportTesting.zip([("a.dcm", ImportTesting.instance(series: 4, number: 1, patientID: patientID))]
        )
        let response = try await ImportTesting.post(client, query, body: body)
        #expect(response.status == .ok)
        return try #require(PrearchiveSessionKey(url: ImportTesting.uri(response)))
    }

    static func post(
        _ client: some TestClientProtocol,
        _ uri: String,
        headers: HTTPFields = admin,
        form: String? = nil
    ) async throws -> TestResponse {
        var headers = headers
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: form)
        }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: body)
    }

    static func key(
        _ project: String?,
        _ key: PrearchiveSessionKey,
        folder: String? = nil
    ) throws -> PrearchiveSessionKey {
        try PrearchiveSessionKey(project: project, timestamp: key.timestamp, folderName: folder ?? key.folderName)
    }

    static func exists(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.path)
    }

    /// Every line of the session's operation log.
    static func log(_ layout: PrearchiveLayout, _ key: PrearchiveSessionKey) -> String {
        let folder = layout.logsFolder(of: key)
        return ImportTesting.files(under: folder)
            .compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
            .joined()
    }

    static func results(_ response: TestResponse) throws -> [[String: String]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
        let resultSet = try #require(json["ResultSet"] as? [String: Any])
        return try #require(resultSet["Result"] as? [[String: String]])
    }
}
