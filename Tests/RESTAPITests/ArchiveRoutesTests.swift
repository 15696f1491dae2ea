import DICOM
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import TestSupport
import Testing
import XNATImport

/// Archiving through `POST /data/services/archive` and commits: the archive tree, the records, the conflict rules
/// and what a crash in the middle leaves after recovery.
@Suite struct ArchiveRoutesTests {
    private static let admin = ImportTesting.admin

    /// Imports `numbers` of series 4 into P1 and answers the prearchive URI.
    private static func importSeries(
        _ client: some TestClientProtocol,
        _ numbers: ClosedRange<Int>,
        query: String = "?PROJECT_ID=P1"
    ) async throws -> String {
        let body = try ImportTesting.zip(numbers.map { ("i\($0).dcm", ImportTesting.instance(series: 4, number: $0)) })
        let response = try await ImportTesting.post(client, query, body: body)
        #expect(response.status == .ok)
        return ImportTesting.uri(response)
    }

    private static func archive(_ client: some TestClientProtocol, _ query: String) async throws -> TestResponse {
        try await client.execute(uri: "/data/services/archive" + query, method: .post, headers: admin)
    }

    @Test func archivingMovesTheSessionIntoTheProjectAndRecordsIt() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let source = try await Self.importSeries(client, 1...3)
            let response = try await Self.archive(client, "?src=" + source)
            #expect(response.status == .ok)
            #expect(response.text == "/data/archive/projects/P1/subjects/Sample_Patient/experiments/Sample_ID\r\n")
            let folder = try services.archive.layout.sessionFolder(project: "P1", label: "Sample_ID")
            #expect(
                ImportTesting.files(under: folder) == [
                    "SCANS/4/DICOM/i1.dcm", "SCANS/4/DICOM/i2.dcm", "SCANS/4/DICOM/i3.dcm",
                    "SCANS/4/DICOM/scan_4_catalog.xml", "Sample_ID.xml",
                ]
            )
            let document = try SessionDocument(xml: Data(contentsOf: folder.appendingPathComponent("Sample_ID.xml")))
            #expect(document.id == "SLUICE_E00001")
            #expect(document.subjectID == "SLUICE_S00001")
            #expect(document.prearchivePath == nil)
            let experiment = try #require(try await services.store.experiment(project: "P1", label: "sample_id"))
            #expect(experiment.dataType == "xnat:mrSessionData")
            #expect(try await services.store.prearchiveSessions().isEmpty)
            #expect(ImportTesting.files(under: services.prearchive.layout.root).isEmpty)
        }
    }

    @Test func aSecondPartMergesAndTheSameFilesNeedOverwriteFiles() async throws {
        try await ImportTesting.withImportRouter { client, services in
            _ = try await Self.archive(client, "?src=" + (try await Self.importSeries(client, 1...2)))
            let second = try await Self.archive(client, "?src=" + (try await Self.importSeries(client, 3...4)))
            #expect(second.status == .ok)
            let folder = try services.archive.layout.sessionFolder(project: "P1", label: "Sample_ID")
            let catalog = try CatalogDocument(
                xml: Data(contentsOf: folder.appendingPathComponent("SCANS/4/DICOM/scan_4_catalog.xml"))
            )
            #expect(catalog.entries.map(\.uri).sorted() == ["i1.dcm", "i2.dcm", "i3.dcm", "i4.dcm"])

            let before = ImportTesting.files(under: folder)
            let again = try await Self.importSeries(client, 1...1)
            let refused = try await Self.archive(client, "?src=" + again)
            #expect(refused.status == .conflict)
            #expect(refused.text == "Duplicate DICOM file uploaded.")
            #expect(ImportTesting.files(under: folder) == before)
            let key = try #require(PrearchiveSessionKey(url: again))
            #expect(try await services.prearchive.session(key).status == .conflict)

            let replaced = try await Self.archive(client, "?src=\(again)&overwrite_files=true")
            #expect(replaced.status == .ok)
        }
    }

    @Test func importCommitWrapsConflictsIn400AndAutoArchiveProjectsCommitWith301() async throws {
        try await ImportTesting.withImportRouter { client, services in
            _ = try await Self.archive(client, "?src=" + (try await Self.importSeries(client, 1...2)))
            let body = try ImportTesting.zip([("x.dcm", ImportTesting.instance(series: 4, number: 9))])
            let wrapped = try await ImportTesting.post(client, "?PROJECT_ID=P1&action=commit&AA=true", body: body)
            #expect(wrapped.status == .badRequest)
            #expect(wrapped.text.hasPrefix("unable to archive for the Prearchive session"))
            #expect(wrapped.text.hasSuffix("Session already exists, retry with overwrite enabled"))

            let code = try await client.execute(uri: "/data/projects/P1/prearchive_code/4", method: .put, headers: Self.admin)
            #expect(code.status == .ok)
            let other = try ImportTesting.zip([("y.dcm", ImportTesting.instance(series: 4, number: 1, patientID: "Other"))])
            let uploaded = try await ImportTesting.post(client, "?PROJECT_ID=P1", body: other)
            let commit = try await client.execute(
                uri: ImportTesting.uri(uploaded) + "?action=commit",
                method: .post,
                headers: Self.admin
            )
            #expect(commit.status == .movedPermanently)
            #expect(commit.headers[.location] == nil)
            #expect(commit.text == "/data/archive/projects/P1/subjects/Sample_Patient/experiments/Other\r\n")
            #expect(try await services.store.experiments(project: "P1").map(\.label) == ["Other", "Sample_ID"])
        }
    }

    @Test func unassignedAndUnknownSourcesAreRefused() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let unassigned = try await Self.importSeries(client, 1...1, query: "")
            let refused = try await Self.archive(client, "?src=" + unassigned)
            #expect(refused.status == .badRequest)
            #expect(refused.text == "Cannot archive sessions from the Unassigned folder.")
            let none = try await Self.archive(client, "")
            #expect(none.status == .notFound)
            #expect(none.text == "Unknown prearchive session.")
            let archiveURI = try await Self.archive(client, "?src=/data/archive/projects/P1")
            #expect(archiveURI.status == .badRequest)
        }
    }

    @Test func recoveryFinishesASwappedArchiveAndRollsBackAStagedOne() async throws {
        try await ImportTesting.withImportRouter { client, services in
            // Archive once, then fake a crash right after staging a second archive: a journal and a staging
            // folder beside the final one. Recovery must drop the staging folder and keep the archive as it was.
            let source = try await Self.importSeries(client, 1...2)
            _ = try await Self.archive(client, "?src=" + source)
            let folder = try services.archive.layout.sessionFolder(project: "P1", label: "Sample_ID")
            let before = ImportTesting.files(under: folder)
            let staging = folder.deletingLastPathComponent().appendingPathComponent(".staging-Sample_ID-x")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data("partial".utf8).write(to: staging.appendingPathComponent("half.dcm"))
            let journal = services.archive.layout.journalFolder.appendingPathComponent("x.json")
            try FileManager.default.createDirectory(
                at: services.archive.layout.journalFolder,
                withIntermediateDirectories: true
            )
            let experiment = try #require(try await services.store.experiment(project: "P1", label: "Sample_ID"))
            let record: [String: Any] = [
                "staging": staging.path, "final": folder.path, "backup": folder.path + ".bak",
                "prearchiveURL": "/prearchive/projects/P1/20240101_000000000/gone",
                "experiment": [
                    "id": experiment.id, "project": "P1", "subjectID": experiment.subjectID, "label": "Sample_ID",
                    "dataType": experiment.dataType, "isQuarantined": false, "createdAt": 0, "lastModified": 0,
                ],
            ]
            try JSONSerialization.data(withJSONObject: record).write(to: journal)
            await services.archive.recover()
            #expect(!FileManager.default.fileExists(atPath: staging.path))
            #expect(!FileManager.default.fileExists(atPath: journal.path))
            #expect(ImportTesting.files(under: folder) == before)

            // A crash between the two renames: the final folder is the backup, the staged one is complete.
            let backup = folder.deletingLastPathComponent().appendingPathComponent(".backup-Sample_ID-y")
            try FileManager.default.copyItem(at: folder, to: staging)
            try FileManager.default.moveItem(at: folder, to: backup)
            var swapped = record
            swapped["backup"] = backup.path
            try JSONSerialization.data(withJSONObject: swapped).write(to: journal)
            await services.archive.recover()
            #expect(ImportTesting.files(under: folder) == before)
            #expect(!FileManager.default.fileExists(atPath: backup.path))
            #expect(!FileManager.default.fileExists(atPath: staging.path))
        }
    }

    @Test func quarantinedSessionsAreListedAsSuchUntilReleased() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let code = try await client.execute(uri: "/data/projects/P1/quarantine_code/1", method: .put, headers: Self.admin)
            #expect(code.status == .ok)
            let read = try await client.execute(uri: "/data/projects/P1/quarantine_code", method: .get, headers: Self.admin)
            #expect(read.text == "1")
            _ = try await Self.archive(client, "?src=" + (try await Self.importSeries(client, 1...1)))
            let listing = try await client.execute(
                uri: "/data/projects/P1/experiments?format=csv",
                method: .get,
                headers: Self.admin
            )
            #expect(listing.status == .ok)
            #expect(listing.text.contains(",quarantine,"))
            let release = try await client.execute(
                uri: "/data/projects/P1/experiments/sample_id?activate=true",
                method: .put,
                headers: Self.admin
            )
            #expect(release.status == .ok)
            #expect(release.text == "SLUICE_E00001")
            #expect(try await services.store.experiment(id: "SLUICE_E00001")?.isQuarantined == false)
            _ = try await services.store.setProjectRole(.member, project: "P1", login: TestAccounts.user.login)
            let byUser = try await client.execute(
                uri: "/data/experiments/SLUICE_E00001?quarantine=true",
                method: .put,
                headers: TestAccounts.userHeaders
            )
            #expect(byUser.status == .forbidden)

            // `quarantine=true` on the archive request quarantines even when the project does not.
            _ = try await client.execute(uri: "/data/projects/P1/quarantine_code/0", method: .put, headers: Self.admin)
            let other = try ImportTesting.zip([("o.dcm", ImportTesting.instance(series: 4, number: 1, patientID: "Q2"))])
            let uploaded = try await ImportTesting.post(client, "?PROJECT_ID=P1", body: other)
            _ = try await Self.archive(client, "?quarantine=true&src=" + ImportTesting.uri(uploaded))
            #expect(try await services.store.experiment(project: "P1", label: "Q2")?.isQuarantined == true)
        }
    }

    @Test func fieldParametersSetTheSessionDocument() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let source = try await Self.importSeries(client, 1...1)
            var headers = Self.admin
            headers[.contentType] = "application/json"
            let commit = try await client.execute(
                uri: source + "?action=commit&visit=V1",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"xnat:mrSessionData/note": "from the desktop client"}"#)
            )
            #expect(commit.status == .ok)
            let key = try #require(PrearchiveSessionKey(url: ImportTesting.uri(commit)))
            let prearchived = try SessionDocument(xml: try await services.prearchive.documentBytes(key))
            #expect(prearchived.note == "from the desktop client")
            #expect(prearchived.visit == "V1")

            let archived = try await Self.archive(client, "?src=\(source)&xnat:mrSessionData/operator=Tech")
            #expect(archived.status == .ok)
            let document = try SessionDocument(
                xml: Data(contentsOf: try services.archive.layout.sessionDocument(project: "P1", label: "Sample_ID"))
            )
            #expect(document.operatorName == "Tech")
            #expect(document.note == "from the desktop client")

            let unknown = try await Self.archive(
                client,
                "?src=" + (try await Self.importSeries(client, 2...2)) + "&xnat:mrSessionData/nonsense=1"
            )
            #expect(unknown.status == .badRequest)
            #expect(unknown.text == "unable to map parameters to valid xml path: xnat:mrSessionData/nonsense")
        }
    }
}

