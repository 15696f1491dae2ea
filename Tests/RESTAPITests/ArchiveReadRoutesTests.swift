import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// Reading the archive like XNAT: subjects, experiments (`items` JSON and the document), scans, resources, files
/// and file bytes, by ID and by label, under `/data`, `/data/archive` and `/REST`.
@Suite struct ArchiveReadRoutesTests {
    private static let admin = ImportTesting.admin
    private static let experimentID = "SLUICE_E00001"
    private static let subjectID = "SLUICE_S00001"

    /// Imports instances 1…3 of series 4 into P1 and archives them as `Sample_Patient`/`Sample_ID`.
    private static func archiveSession(_ client: some TestClientProtocol) async throws {
        let body = try ImportTesting.zip((1...3).map { ("i\($0).dcm", ImportTesting.instance(series: 4, number: $0)) })
        let uploaded = try await ImportTesting.post(client, "?PROJECT_ID=P1", body: body)
        #expect(uploaded.status == .ok)
        let archived = try await client.execute(
            uri: "/data/services/archive?src=" + ImportTesting.uri(uploaded),
            method: .post,
            headers: admin
        )
        #expect(archived.status == .ok)
    }

    private static func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: admin)
    }

    /// The `ResultSet.Result` rows of a JSON listing.
    private static func rows(_ client: some TestClientProtocol, _ uri: String) async throws -> [[String: String]] {
        let response = try await get(client, uri)
        #expect(response.status == .ok, "\(uri)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
        let resultSet = try #require(json["ResultSet"] as? [String: Any])
        return try #require(resultSet["Result"] as? [[String: String]])
    }

    /// The first item of an `items` answer.
    private static func item(_ client: some TestClientProtocol, _ uri: String) async throws -> [String: Any] {
        let response = try await get(client, uri)
        #expect(response.status == .ok, "\(uri)")
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        return try #require(items.first)
    }

    @Test func subjectsAreListedAndReadByIDAndLabel() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            try await Self.archiveSession(client)
            let subjects = try await Self.rows(client, "/data/projects/P1/subjects")
            #expect(subjects.count == 1)
            #expect(subjects.first?["ID"] == Self.subjectID)
            #expect(subjects.first?["label"] == "Sample_Patient")
            #expect(subjects.first?["project"] == "P1")
            #expect(subjects.first?["URI"] == "/data/subjects/\(Self.subjectID)")
            #expect(subjects.first?.keys.contains("insert_date") == true)
            #expect(subjects.first?.keys.contains("group") == true)
            let csv = try await Self.get(client, "/data/archive/projects/P1/subjects?format=csv")
            #expect(csv.text.hasPrefix("ID,label,project,insert_date,insert_user,group,URI\n"))

            for uri in [
                "/data/subjects/\(Self.subjectID)", "/data/projects/P1/subjects/Sample_Patient",
                "/REST/projects/P1/subjects/\(Self.subjectID)?format=json",
            ] {
                let subject = try await Self.item(client, uri)
                #expect((subject["meta"] as? [String: Any])?["xsi:type"] as? String == "xnat:subjectData")
                #expect((subject["meta"] as? [String: Any])?["isHistory"] as? Bool == false)
                let fields = try #require(subject["data_fields"] as? [String: String])
                #expect(fields["ID"] == Self.subjectID)
                #expect(fields["label"] == "Sample_Patient")
                #expect(fields["project"] == "P1")
            }

            let experiments = try await Self.rows(
                client,
                "/data/archive/projects/P1/subjects/\(Self.subjectID)/experiments"
            )
            #expect(experiments.map { $0["ID"] } == [Self.experimentID])
            #expect(experiments.first?["label"] == "Sample_ID")
            #expect(experiments.first?["xsiType"] == "xnat:mrSessionData")
            #expect(experiments.first?["subject_ID"] == Self.subjectID)
            #expect(experiments.first?["URI"] == "/data/experiments/\(Self.experimentID)")
            #expect(experiments.first?.keys.contains("insert_date") == true)
        }
    }

    @Test func anExperimentIsItemsJSONWithItsScansOrItsDocument() async throws {
        try await ImportTesting.withImportRouter { client, services in
            try await Self.archiveSession(client)
            for uri in [
                "/data/experiments/\(Self.experimentID)", "/data/projects/P1/experiments/Sample_ID",
                "/data/archive/projects/P1/subjects/Sample_Patient/experiments/Sample_ID?format=json",
                "/REST/projects/P1/subjects/\(Self.subjectID)/experiments/\(Self.experimentID)",
            ] {
                let session = try await Self.item(client, uri)
                #expect((session["meta"] as? [String: Any])?["xsi:type"] as? String == "xnat:mrSessionData")
                let fields = try #require(session["data_fields"] as? [String: String])
                #expect(fields["ID"] == Self.experimentID)
                #expect(fields["label"] == "Sample_ID")
                #expect(fields["project"] == "P1")
                #expect(fields["subject_ID"] == Self.subjectID)
                #expect(fields["UID"] == ImportTesting.study)
                let children = try #require(session["children"] as? [[String: Any]])
                #expect(children.first?["field"] as? String == "scans/scan")
                let scans = try #require(children.first?["items"] as? [[String: Any]])
                #expect(scans.count == 1)
                #expect((scans.first?["meta"] as? [String: Any])?["xsi:type"] as? String == "xnat:mrScanData")
                let scan = try #require(scans.first?["data_fields"] as? [String: String])
                #expect(scan["ID"] == "4")
                #expect(scan["UID"] == "\(ImportTesting.study).4")
            }

            let xml = try await Self.get(client, "/data/projects/P1/experiments/Sample_ID?format=xml")
            #expect(xml.status == .ok)
            #expect(xml.headers[.contentType]?.hasPrefix("text/xml") == true)
            let file = try services.archive.layout.sessionDocument(project: "P1", label: "Sample_ID")
            #expect(Data(xml.text.utf8) == (try Data(contentsOf: file)))
        }
    }

    @Test func scansResourcesFilesAndBytes() async throws {
        try await ImportTesting.withImportRouter { client, services in
            try await Self.archiveSession(client)
            let experiment = "/data/archive/projects/P1/subjects/\(Self.subjectID)/experiments/\(Self.experimentID)"
            let scans = try await Self.rows(client, experiment + "/scans")
            #expect(scans.map { $0["ID"] } == ["4"])
            #expect(scans.first?["xsiType"] == "xnat:mrScanData")
            for column in ["type", "series_description", "quality", "note", "xnat_imagescandata_id", "URI"] {
                #expect(scans.first?[column] != nil, "\(column)")
            }

            let resources = try await Self.rows(client, experiment + "/scans/4/resources")
            #expect(resources.map { $0["label"] } == ["DICOM"])
            let resource = try #require(resources.first)
            #expect(resource["element_name"] == "xnat:resourceCatalog")
            #expect(resource["format"] == "DICOM")
            #expect(resource["file_count"] == "3")
            #expect(resource["cat_id"] == "4")
            let abstractID = try #require(resource["xnat_abstractresource_id"])

            let files = try await Self.rows(
                client,
                "/data/experiments/\(Self.experimentID)/scans/4/resources/DICOM/files"
            )
            #expect(files.map { $0["Name"] } == ["i1.dcm", "i2.dcm", "i3.dcm"])
            let folder = try services.archive.layout.sessionFolder(project: "P1", label: "Sample_ID")
            let catalog = try CatalogDocument(
                xml: Data(contentsOf: folder.appendingPathComponent("SCANS/4/DICOM/scan_4_catalog.xml"))
            )
            for (number, row) in zip(1..., files) {
                let uri = try #require(row["URI"])
                #expect(uri.contains("/files/"))
                let digest = try #require(row["digest"])
                #expect(digest.count == 32)
                #expect(digest == catalog.entries.first { $0.uri == row["Name"] }?.digest)
                let bytes = ImportTesting.instance(series: 4, number: number)
                #expect(row["Size"] == String(bytes.count))
                let download = try await Self.get(client, uri)
                #expect(download.status == .ok)
                #expect(download.headers[.contentType] == "application/octet-stream")
                #expect(Array(buffer: download.body) == bytes)
            }

            // Resources are addressed by `xnat_abstractresource_id` too, and every prefix reads the same files.
            let byID = try await Self.rows(client, experiment + "/scans/4/resources/\(abstractID)/files?format=json")
            #expect(byID.map { $0["Name"] } == ["i1.dcm", "i2.dcm", "i3.dcm"])
            let viaREST = try await Self.get(
                client,
                "/REST/projects/P1/experiments/Sample_ID/scans/4/resources/DICOM/files/i2.dcm"
            )
            #expect(Array(buffer: viaREST.body) == ImportTesting.instance(series: 4, number: 2))

            // Only catalog entries are served: nothing else in (or outside) the session folder.
            let base = "/data/experiments/\(Self.experimentID)/scans/4/resources/DICOM/files/"
            for name in ["nope.dcm", "scan_4_catalog.xml", "%2E%2E%2F%2E%2E%2F%2E%2E%2FSample_ID.xml", "..%2Fi1.dcm"] {
                let refused = try await Self.get(client, base + name)
                #expect(refused.status == .notFound, "\(name)")
                #expect(refused.headers[.contentType]?.hasPrefix("text/plain") == true)
            }
        }
    }

    @Test func scansAndResourcesDownloadAsZips() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            try await Self.archiveSession(client)
            let expected = (1...3).map { "Sample_ID/scans/4/resources/DICOM/files/i\($0).dcm" }
            let scan = try await Self.get(client, "/data/experiments/\(Self.experimentID)/scans/4/files?format=zip")
            #expect(scan.status == .ok)
            #expect(scan.headers[.contentType] == "application/zip")
            let scanFiles = try PrearchiveContentRoutesTests.unzip(scan)
            #expect(scanFiles.keys.sorted() == expected)
            #expect(scanFiles[expected[0]] == ImportTesting.instance(series: 4, number: 1))
            let resource = try await Self.get(
                client,
                "/data/projects/P1/experiments/Sample_ID/scans/4/resources/DICOM/files?format=zip"
            )
            #expect(try PrearchiveContentRoutesTests.unzip(resource).keys.sorted() == expected)
            let plain = try await Self.get(client, "/data/experiments/\(Self.experimentID)/scans/4/files")
            #expect(plain.status == .notFound)
        }
    }

    @Test func unknownObjectsAre404AndReadingNeedsALogin() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            try await Self.archiveSession(client)
            let created = try await client.execute(uri: "/data/projects/P2", method: .put, headers: Self.admin)
            #expect(created.status == .ok)
            for uri in [
                "/data/projects/NOPE/subjects", "/data/subjects/NOPE", "/data/projects/P2/subjects/Sample_Patient",
                "/data/projects/P2/subjects/\(Self.subjectID)", "/data/projects/P1/subjects/NOPE/experiments",
                "/data/experiments/NOPE", "/data/projects/P1/experiments/NOPE",
                "/data/projects/P2/experiments/Sample_ID", "/data/projects/P2/experiments/\(Self.experimentID)",
                "/data/projects/P1/subjects/NOPE/experiments/Sample_ID", "/data/experiments/NOPE/scans",
                "/data/experiments/\(Self.experimentID)/scans/99/resources",
                "/data/experiments/\(Self.experimentID)/scans/4/resources/NOPE/files",
                "/data/experiments/\(Self.experimentID)/scans/99/resources/DICOM/files/i1.dcm",
            ] {
                let response = try await Self.get(client, uri)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true, "\(uri)")
            }
            let anonymous = try await client.execute(uri: "/data/experiments/\(Self.experimentID)", method: .get)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
