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
    @Test func aZipLandsInOneReceivingSessionWithItsEntryNames() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let body = try ImportTesting.zip([
                ("a/one.dcm", ImportTesting.instance(series: 4, number: 1)),
                ("a/two.dcm", ImportTesting.instance(series: 4, number: 2)),
                ("b/three.dcm", ImportTesting.instance(series: 5, number: 1)),
            ])
            let response = try await ImportTesting.post(client, "?PROJECT_ID=P1", body: body)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/uri-list")
            let uri = response.text
            #expect(uri.hasPrefix("/data/prearchive/projects/P1/"))
            #expect(uri.hasSuffix("/Sample_ID\r\n"))
            let key = try #require(PrearchiveSessionKey(url: ImportTesting.uri(response)))
            let folder = services.prearchive.layout.sessionFolder(of: key)
            #expect(
                ImportTesting.files(under: folder) == [
                    "SCANS/4/DICOM/one.dcm", "SCANS/4/DICOM/two.dcm", "SCANS/5/DICOM/three.dcm",
                ]
            )
            let row = try await services.prearchive.session(key)
            #expect(row.status == .receiving)
            #expect(row.subject == "Sample_Patient")
            #expect(row.tag == ImportTesting.study)
            #expect(row.autoArchive == .manual)
        }
    }

    @Test func anUnreadableEntryFailsTheWholeUploadAndLeavesNothing() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let body = try ImportTesting.zip([
                ("one.dcm", ImportTesting.instance(series: 4, number: 1)),
                ("notes.txt", Array("not DICOM at all".utf8)),
            ])
            let response = try await ImportTesting.post(client, "?PROJECT_ID=P1", body: body)
            #expect(response.status == .badRequest)
            #expect(response.text.hasPrefix("unable to read DICOM object notes.txt"))
            #expect(try await services.store.prearchiveSessions().isEmpty)
            #expect(ImportTesting.files(under: services.prearchive.layout.root).isEmpty)
            #expect(ImportTesting.files(under: services.uploads.stagingFolder).isEmpty)

            let skipping = try await ImportTesting.post(client, "?PROJECT_ID=P1&Ignore-Unparsable=true", body: body)
            #expect(skipping.status == .ok)
            #expect(try await services.store.prearchiveSessions().count == 1)
        }
    }

    @Test func renameTrueStoresTheTemplateName() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let response = try await ImportTesting.post(
                client,
                "?import-handler=gradual-DICOM&project=P1&rename=true",
                body: ImportTesting.instance(series: 4, number: 7),
                contentType: "application/dicom"
            )
            #expect(response.status == .ok)
            let key = try #require(PrearchiveSessionKey(url: ImportTesting.uri(response)))
            let names = ImportTesting.files(under: services.prearchive.layout.sessionFolder(of: key))
            #expect(names.count == 1)
            #expect(names.first?.hasPrefix("SCANS/4/DICOM/\(ImportTesting.study)-4-7-") == true)
            #expect(names.first?.hasSuffix(".dcm") == true)
        }
    }

    @Test func commitBuildsTheSessionAndTheDocumentIsServed() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let body = try ImportTesting.zip([("x.dcm", ImportTesting.instance(series: 4, number: 1))])
            let response = try await ImportTesting.post(client, "?PROJECT_ID=P1&action=commit", body: body)
            #expect(response.status == .ok)
            let uri = ImportTesting.uri(response)
            let key = try #require(PrearchiveSessionKey(url: uri))
            #expect(try await services.prearchive.session(key).status == .ready)
            let document = try await client.execute(uri: uri, method: .get, headers: ImportTesting.admin)
            #expect(document.status == .ok)
            let parsed = try SessionDocument(xml: Data(document.text.utf8))
            #expect(parsed.project == "P1")
            #expect(parsed.scans.map(\.id) == ["4"])
            let json = try await client.execute(uri: uri + "?format=json", method: .get, headers: ImportTesting.admin)
            #expect(json.text.contains("\"status\":\"READY\""))
        }
    }

    @Test func twoUploadsOfOneStudyAtOnceEndInOneSession() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let first = try ImportTesting.zip((1...20).map { ("f\($0).dcm", ImportTesting.instance(series: 4, number: $0)) })
            let second = try ImportTesting.zip((11...30).map { ("f\($0).dcm", ImportTesting.instance(series: 4, number: $0)) })
            async let one = ImportTesting.post(client, "?PROJECT_ID=P1", body: first)
            async let two = ImportTesting.post(client, "?PROJECT_ID=P1", body: second)
            let responses = try await [one, two]
            #expect(responses.map(\.status) == [.ok, .ok])
            #expect(responses[0].text == responses[1].text)
            let rows = try await services.store.prearchiveSessions()
            #expect(rows.count == 1)
            let key = try #require(rows.first?.key)
            let names = ImportTesting.files(under: services.prearchive.layout.sessionFolder(of: key))
            #expect(names == (1...30).map { "SCANS/4/DICOM/f\($0).dcm" }.sorted())
        }
    }

    @Test func requestErrorsGetXNATsStatusesAndMessages() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let unknown = try await ImportTesting.post(client, "?import-handler=dicom-zip", body: [1, 2, 3])
            #expect(unknown.status == .notFound)
            #expect(unknown.text == "Unknown importer implementation specified: dicom-zip")
            let empty = try await client.execute(uri: "/data/services/import", method: .post, headers: ImportTesting.admin)
            #expect(empty.status == .badRequest)
            #expect(empty.text == "Unable to identify upload format.")
            let badDestination = try await ImportTesting.post(client, "?dest=/nowhere", body: try ImportTesting.zip([]))
            #expect(badDestination.status == .badRequest)
            #expect(badDestination.text == "Parameter dest format error")
            let notAnArchive = try await ImportTesting.post(client, "", body: Array("hello".utf8))
            #expect(notAnArchive.status == .badRequest)
            #expect(notAnArchive.text.hasPrefix("Unsupported format"))
        }
    }

    @Test func theIdleTimerBuildsQuietSessionsUnlessTheUploaderAsksNotTo() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let quiet = try await ImportTesting.post(
                client,
                "?PROJECT_ID=P1",
                body: try ImportTesting.zip([("a.dcm", ImportTesting.instance(series: 4, number: 1))])
            )
            let held = try await ImportTesting.post(
                client,
                "?PROJECT_ID=P1&prevent_auto_commit=true",
                body: try ImportTesting.zip([("b.dcm", ImportTesting.instance(series: 4, number: 1, patientID: "Other"))])
            )
            let impatient = PrearchiveService(
                store: services.store,
                layout: services.prearchive.layout,
                configuration: PrearchiveConfiguration(idleBuildInterval: .zero),
                logger: Logger(label: "test")
            )
            await impatient.buildIdleSessions()
            let quietKey = try #require(PrearchiveSessionKey(url: ImportTesting.uri(quiet)))
            let heldKey = try #require(PrearchiveSessionKey(url: ImportTesting.uri(held)))
            #expect(try await services.prearchive.session(quietKey).status == .ready)
            #expect(try await services.prearchive.session(heldKey).status == .receiving)
        }
    }
}
