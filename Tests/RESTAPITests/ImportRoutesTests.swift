import DICOM
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import TestSupport
import Testing
import Unpacking
import XNATImport

/// `POST /data/services/import` and the prearchive routes through the router, on a real SQLite store and data
/// folder: what lands on disk and in the table, and what a failed upload leaves (nothing).
@Suite struct ImportRoutesTests {
    private static let admin = TestAccounts.administratorHeaders
    private static let study = "1.2.826.0.1.3680043.8.498.77"

    /// A Part-10 MR instance of ``study``.
    private static func instance(series: Int, number: Int, patientID: String = "Sample ID") -> [UInt8] {
        var builder = DICOMFileBuilder.instance(
            studyUID: study,
            seriesUID: "\(study).\(series)",
            instanceUID: "\(study).\(series).\(number)",
            patientName: "Sample Patient",
            patientID: patientID
        )
        builder.set(.seriesNumber, .IS, String(series))
        builder.set(.instanceNumber, .IS, String(number))
        return builder.file()
    }

    /// A zip of `(name, bytes)` entries, written with Sluice's own zip writer.
    private static func zip(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
        var writer = ZipWriter()
        var bytes: [UInt8] = []
        for (name, data) in entries {
            bytes += try writer.beginEntry(path: name, modificationDate: nil)
            writer.entryData(data)
            bytes += data
            bytes += writer.endEntry()
        }
        return bytes + writer.finish()
    }

    private static func post(
        _ client: some TestClientProtocol,
        _ query: String,
        body: [UInt8],
        contentType: String = "application/zip"
    ) async throws -> TestResponse {
        var headers = admin
        headers[.contentType] = contentType
        return try await client.execute(
            uri: "/data/services/import" + query,
            method: .post,
            headers: headers,
            body: ByteBuffer(bytes: body)
        )
    }

    /// The one URI of a `text/uri-list` answer (`"\r\n"` is one Character, so trim rather than drop).
    private static func uri(_ response: TestResponse) -> String {
        response.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `test` with the router and the services behind it, after creating project `P1`.
    private static func withImportRouter(
        _ test: @escaping @Sendable (any TestClientProtocol, AppServices) async throws -> Void
    ) async throws {
        try await withTestServices { services in
            let app = buildApplication(
                configuration: HTTPConfiguration(host: "127.0.0.1", port: 0),
                services: services,
                logger: Logger(label: "test")
            )
            try await app.test(.router) { client in
                let created = try await client.execute(uri: "/data/projects/P1", method: .put, headers: admin)
                #expect(created.status == .ok)
                try await test(client, services)
            }
        }
    }

    private static func files(under folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var names: [String] = []
        while let url = walker?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                names.append(String(url.path.dropFirst(folder.path.count + 1)))
            }
        }
        return names.sorted()
    }

    @Test func aZipLandsInOneReceivingSessionWithItsEntryNames() async throws {
        try await Self.withImportRouter { client, services in
            let body = try Self.zip([
                ("a/one.dcm", Self.instance(series: 4, number: 1)),
                ("a/two.dcm", Self.instance(series: 4, number: 2)),
                ("b/three.dcm", Self.instance(series: 5, number: 1)),
            ])
            let response = try await Self.post(client, "?PROJECT_ID=P1", body: body)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/uri-list")
            let uri = response.text
            #expect(uri.hasPrefix("/data/prearchive/projects/P1/"))
            #expect(uri.hasSuffix("/Sample_ID\r\n"))
            let key = try #require(PrearchiveSessionKey(url: Self.uri(response)))
            let folder = services.prearchive.layout.sessionFolder(of: key)
            #expect(
                Self.files(under: folder) == [
                    "SCANS/4/DICOM/one.dcm", "SCANS/4/DICOM/two.dcm", "SCANS/5/DICOM/three.dcm",
                ]
            )
            let row = try await services.prearchive.session(key)
            #expect(row.status == .receiving)
            #expect(row.subject == "Sample_Patient")
            #expect(row.tag == Self.study)
            #expect(row.autoArchive == .manual)
        }
    }

    @Test func anUnreadableEntryFailsTheWholeUploadAndLeavesNothing() async throws {
        try await Self.withImportRouter { client, services in
            let body = try Self.zip([
                ("one.dcm", Self.instance(series: 4, number: 1)),
                ("notes.txt", Array("not DICOM at all".utf8)),
            ])
            let response = try await Self.post(client, "?PROJECT_ID=P1", body: body)
            #expect(response.status == .badRequest)
            #expect(response.text.hasPrefix("unable to read DICOM object notes.txt"))
            #expect(try await services.store.prearchiveSessions().isEmpty)
            #expect(Self.files(under: services.prearchive.layout.root).isEmpty)
            #expect(Self.files(under: services.uploads.stagingFolder).isEmpty)

            let skipping = try await Self.post(client, "?PROJECT_ID=P1&Ignore-Unparsable=true", body: body)
            #expect(skipping.status == .ok)
            #expect(try await services.store.prearchiveSessions().count == 1)
        }
    }

    @Test func renameTrueStoresTheTemplateName() async throws {
        try await Self.withImportRouter { client, services in
            let response = try await Self.post(
                client,
                "?import-handler=gradual-DICOM&project=P1&rename=true",
                body: Self.instance(series: 4, number: 7),
                contentType: "application/dicom"
            )
            #expect(response.status == .ok)
            let key = try #require(PrearchiveSessionKey(url: Self.uri(response)))
            let names = Self.files(under: services.prearchive.layout.sessionFolder(of: key))
            #expect(names.count == 1)
            #expect(names.first?.hasPrefix("SCANS/4/DICOM/\(Self.study)-4-7-") == true)
            #expect(names.first?.hasSuffix(".dcm") == true)
        }
    }

    @Test func commitBuildsTheSessionAndTheDocumentIsServed() async throws {
        try await Self.withImportRouter { client, services in
            let body = try Self.zip([("x.dcm", Self.instance(series: 4, number: 1))])
            let response = try await Self.post(client, "?PROJECT_ID=P1&action=commit", body: body)
            #expect(response.status == .ok)
            let uri = Self.uri(response)
            let key = try #require(PrearchiveSessionKey(url: uri))
            #expect(try await services.prearchive.session(key).status == .ready)
            let document = try await client.execute(uri: uri, method: .get, headers: Self.admin)
            #expect(document.status == .ok)
            let parsed = try SessionDocument(xml: Data(document.text.utf8))
            #expect(parsed.project == "P1")
            #expect(parsed.scans.map(\.id) == ["4"])
            let json = try await client.execute(uri: uri + "?format=json", method: .get, headers: Self.admin)
            #expect(json.text.contains("\"status\":\"READY\""))
        }
    }

    @Test func twoUploadsOfOneStudyAtOnceEndInOneSession() async throws {
        try await Self.withImportRouter { client, services in
            let first = try Self.zip((1...20).map { ("f\($0).dcm", Self.instance(series: 4, number: $0)) })
            let second = try Self.zip((11...30).map { ("f\($0).dcm", Self.instance(series: 4, number: $0)) })
            async let one = Self.post(client, "?PROJECT_ID=P1", body: first)
            async let two = Self.post(client, "?PROJECT_ID=P1", body: second)
            let responses = try await [one, two]
            #expect(responses.map(\.status) == [.ok, .ok])
            #expect(responses[0].text == responses[1].text)
            let rows = try await services.store.prearchiveSessions()
            #expect(rows.count == 1)
            let key = try #require(rows.first?.key)
            let names = Self.files(under: services.prearchive.layout.sessionFolder(of: key))
            #expect(names == (1...30).map { "SCANS/4/DICOM/f\($0).dcm" }.sorted())
        }
    }

    @Test func requestErrorsGetXNATsStatusesAndMessages() async throws {
        try await Self.withImportRouter { client, _ in
            let unknown = try await Self.post(client, "?import-handler=dicom-zip", body: [1, 2, 3])
            #expect(unknown.status == .notFound)
            #expect(unknown.text == "Unknown importer implementation specified: dicom-zip")
            let empty = try await client.execute(uri: "/data/services/import", method: .post, headers: Self.admin)
            #expect(empty.status == .badRequest)
            #expect(empty.text == "Unable to identify upload format.")
            let badDestination = try await Self.post(client, "?dest=/nowhere", body: try Self.zip([]))
            #expect(badDestination.status == .badRequest)
            #expect(badDestination.text == "Parameter dest format error")
            let notAnArchive = try await Self.post(client, "", body: Array("hello".utf8))
            #expect(notAnArchive.status == .badRequest)
            #expect(notAnArchive.text.hasPrefix("Unsupported format"))
        }
    }

    @Test func theIdleTimerBuildsQuietSessionsUnlessTheUploaderAsksNotTo() async throws {
        try await Self.withImportRouter { client, services in
            let quiet = try await Self.post(
                client,
                "?PROJECT_ID=P1",
                body: try Self.zip([("a.dcm", Self.instance(series: 4, number: 1))])
            )
            let held = try await Self.post(
                client,
                "?PROJECT_ID=P1&prevent_auto_commit=true",
                body: try Self.zip([("b.dcm", Self.instance(series: 4, number: 1, patientID: "Other"))])
            )
            let impatient = PrearchiveService(
                store: services.store,
                layout: services.prearchive.layout,
                configuration: PrearchiveConfiguration(idleBuildInterval: .zero),
                logger: Logger(label: "test")
            )
            await impatient.buildIdleSessions()
            let quietKey = try #require(PrearchiveSessionKey(url: Self.uri(quiet)))
            let heldKey = try #require(PrearchiveSessionKey(url: Self.uri(held)))
            #expect(try await services.prearchive.session(quietKey).status == .ready)
            #expect(try await services.prearchive.session(heldKey).status == .receiving)
        }
    }
}
