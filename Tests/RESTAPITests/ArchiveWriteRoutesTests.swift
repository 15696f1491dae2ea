import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// Writing the archive like XNAT's REST API: subjects, experiments, scans and resources by `PUT`, files by
/// `PUT`/`POST` (raw, multipart, `extract=true`, `overwrite`), and `DELETE`, with catalogs and digests kept true.
@Suite struct ArchiveWriteRoutesTests {
    private static let admin = ImportTesting.admin
    private static let session = "/data/projects/P1/subjects/S1/experiments/E1"

    private static func send(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        body: [UInt8] = [],
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = admin
        headers.append(contentsOf: extra)
        return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: body))
    }

    /// The `ResultSet.Result` rows of a JSON listing.
    private static func rows(_ client: some TestClientProtocol, _ uri: String) async throws -> [[String: String]] {
        let response = try await send(client, .get, uri)
        #expect(response.status == .ok, "\(uri): \(response.text)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
        return try #require((json["ResultSet"] as? [String: Any])?["Result"] as? [[String: String]])
    }

    /// Creates subject S1, MR session E1 and scan 1 with a NIFTI resource.
    private static func createSession(_ client: some TestClientProtocol) async throws {
        let subject = try await send(client, .put, "/data/projects/P1/subjects/S1?xsiType=xnat:subjectData&req_format=qs&xnat:subjectData/label=S1")
        #expect(subject.status == .created)
        #expect(subject.text == "SLUICE_S00001")
        let experiment = try await send(
            client, .put,
            session + "?xsiType=xnat:mrSessionData&req_format=qs&xnat:mrSessionData/label=E1&xnat:mrSessionData/date=2024-01-02"
        )
        #expect(experiment.status == .created, "\(experiment.text)")
        #expect(experiment.text == "SLUICE_E00001")
        let scan = try await send(
            client, .put,
            session + "/scans/1?xsiType=xnat:mrScanData&req_format=qs&xnat:mrScanData/type=t1w&xnat:mrScanData/ID=1"
        )
        #expect(scan.status == .created, "\(scan.text)")
        #expect(scan.text == "1")
        let resource = try await send(client, .put, session + "/scans/1/resources/NIFTI?format=NIFTI")
        #expect(resource.status == .created)
    }

    private static func md5(_ bytes: [UInt8]) -> String {
        Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test func objectsAreCreatedOnceAndListed() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            try await Self.createSession(client)
            let again = try await Self.send(client, .put, "/data/projects/P1/subjects/S1?xsiType=xnat:subjectData")
            #expect(again.status == .ok)
            #expect(again.text == "SLUICE_S00001")
            let byID = try await Self.send(client, .put, "/data/projects/P1/subjects/SLUICE_S00001")
            #expect(byID.text == "SLUICE_S00001")

            let experiments = try await Self.rows(client, "/data/projects/P1/experiments")
            #expect(experiments.map { $0["label"] } == ["E1"])
            #expect(experiments.first?["xsiType"] == "xnat:mrSessionData")
            #expect(experiments.first?["date"] == "2024-01-02")
            let scans = try await Self.rows(client, "/data/experiments/SLUICE_E00001/scans")
            #expect(scans.first?["ID"] == "1")
            #expect(scans.first?["type"] == "t1w")
            #expect(scans.first?["xsiType"] == "xnat:mrScanData")
            let resources = try await Self.rows(client, Self.session + "/scans/1/resources")
            #expect(resources.first?["label"] == "NIFTI")
            #expect(resources.first?["format"] == "NIFTI")
            #expect(resources.first?["file_count"] == "0")

            // xnatpy percent-encodes the names of field parameters.
            let encoded = try await Self.send(
                client, .put, Self.session + "/scans/2?xsiType=xnat%3AmrScanData&req_format=qs&xnat%3AmrScanData/type=t2w"
            )
            #expect(encoded.status == .created)
            #expect(try await Self.rows(client, Self.session + "/scans").first { $0["ID"] == "2" }?["type"] == "t2w")

            let catalog = try await Self.send(client, .get, Self.session + "/scans/1/resources/NIFTI")
            #expect(catalog.text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cat:Catalog"))
            let item = try await Self.send(client, .get, Self.session + "/scans/1/resources/NIFTI?format=json")
            #expect(item.text.contains("\"xsi:type\":\"xnat:resourceCatalog\""))
            let scan = try await Self.send(client, .get, "/data/experiments/SLUICE_E00001/scans/1?format=json")
            #expect(scan.text.contains("\"type\":\"t1w\""))
        }
    }

    @Test func creationRefusesWhatItCannotKeep() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let noSubject = try await Self.send(client, .put, "/data/projects/P1/experiments/E9?xsiType=xnat:mrSessionData")
            #expect(noSubject.status == .badRequest)
            _ = try await Self.send(client, .put, "/data/projects/P1/subjects/S1")
            let noType = try await Self.send(client, .put, "/data/projects/P1/subjects/S1/experiments/E9")
            #expect(noType.status == .badRequest)
            let notImage = try await Self.send(
                client, .put, "/data/projects/P1/subjects/S1/experiments/E9?xsiType=xnat:qcAssessmentData"
            )
            #expect(notImage.status == .badRequest)
            let badLabel = try await Self.send(client, .put, "/data/projects/P1/subjects/bad%20label")
            #expect(badLabel.status == .badRequest)
            let unknownProject = try await Self.send(client, .put, "/data/projects/NOPE/subjects/S2")
            #expect(unknownProject.status == .notFound)
            let unknownField = try await Self.send(
                client, .put,
                "/data/projects/P1/subjects/S1/experiments/E9?xsiType=xnat:mrSessionData&xnat:mrSessionData/bogus=1"
            )
            #expect(unknownField.status == .badRequest)
            #expect(try await Self.rows(client, "/data/projects/P1/experiments").isEmpty)
        }
    }

    @Test func filesAreUploadedWithDigestsAndOverwriteRules() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            try await Self.createSession(client)
            let files = Self.session + "/scans/1/resources/NIFTI/files"
            let first: [UInt8] = Array("first version".utf8)
            let put = try await Self.send(
                client, .put, files + "/sub/t1.nii", body: first, headers: [.contentType: "application/octet-stream"]
            )
            #expect(put.status == .ok, "\(put.text)")
            var listed = try await Self.rows(client, files)
            #expect(listed.count == 1)
            #expect(listed.first?["Name"] == "t1.nii")
            #expect(listed.first?["digest"] == Self.md5(first))
            #expect(listed.first?["Size"] == String(first.count))
            let uri = try #require(listed.first?["URI"])
            #expect(uri.contains("/files/sub/t1.nii"))
            #expect(try await Self.send(client, .get, uri).body == ByteBuffer(bytes: first))

            let again = try await Self.send(client, .put, files + "/sub/t1.nii", body: Array("second".utf8))
            #expect(again.status == .conflict)
            #expect(try await Self.send(client, .get, uri).body == ByteBuffer(bytes: first))

            let second: [UInt8] = Array("second version".utf8)
            let overwrite = try await Self.send(client, .put, files + "/sub/t1.nii?overwrite=true", body: second)
            #expect(overwrite.status == .ok)
            listed = try await Self.rows(client, files)
            #expect(listed.count == 1)
            #expect(listed.first?["digest"] == Self.md5(second))

            // pyxnat: POST, inbody=true, no Content-Type, "U" for unset values.
            let pyxnat = try await Self.send(
                client, .post, files + "/notes.txt?format=U&content=U&tags=U&overwrite=false&inbody=true",
                body: Array("notes".utf8)
            )
            #expect(pyxnat.status == .ok, "\(pyxnat.text)")
            let resources = try await Self.rows(client, Self.session + "/scans/1/resources")
            #expect(resources.first?["file_count"] == "2")
            #expect(resources.first?["file_size"] == String(second.count + 5))
        }
    }

    @Test func pathsCannotLeaveTheResource() async throws {
        try await ImportTesting.withImportRouter { client, services in
            try await Self.createSession(client)
            let files = Self.session + "/scans/1/resources/NIFTI/files"
            for path in ["/%2e%2e/%2e%2e/escape.txt", "/a/%2e%2e/%2e%2e/%2e%2e/escape.txt", "/NIFTI_catalog.xml"] {
                let response = try await Self.send(client, .put, files + path, body: Array("x".utf8))
                #expect(response.status == .badRequest, "\(path): \(response.status)")
            }
            let archive = services.archive.layout.root
            #expect(!ImportTesting.files(under: archive).contains { $0.hasSuffix("escape.txt") })
            #expect(try await Self.rows(client, files).isEmpty)
        }
    }

    @Test func zipsAreExtractedIntoTheResource() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            try await Self.createSession(client)
            let zip = try ImportTesting.zip([("a.txt", Array("A".utf8)), ("dir/b.txt", Array("BB".utf8))])
            let response = try await Self.send(
                client, .put, Self.session + "/resources/EXTRA/files/upload.zip?extract=true", body: zip
            )
            #expect(response.status == .ok, "\(response.text)")
            let listed = try await Self.rows(client, Self.session + "/resources/EXTRA/files")
            #expect(Set(listed.compactMap { $0["URI"]?.components(separatedBy: "/files/").last }) == ["a.txt", "dir/b.txt"])
            #expect(listed.first { $0["Name"] == "b.txt" }?["digest"] == Self.md5(Array("BB".utf8)))
            let zipped = try await Self.send(client, .get, "/data/experiments/SLUICE_E00001?format=zip")
            #expect(zipped.status == .ok)
            #expect(zipped.headers[.contentType] == "application/zip")
            #expect(zipped.body.readableBytes > 0)
            let sessionResources = try await Self.rows(client, "/data/experiments/SLUICE_E00001/resources")
            #expect(sessionResources.first?["label"] == "EXTRA")
            #expect(sessionResources.first?["category"] == "resources")

            let notArchive = try await Self.send(
                client, .put, Self.session + "/resources/EXTRA/files/x.zip?extract=true", body: Array("plain".utf8)
            )
            #expect(notArchive.status == .badRequest)
        }
    }

    @Test func deletesRemoveObjectsAndFiles() async throws {
        try await ImportTesting.withImportRouter { client, services in
            try await Self.createSession(client)
            let files = Self.session + "/scans/1/resources/NIFTI/files"
            _ = try await Self.send(client, .put, files + "/a.nii", body: Array("a".utf8))
            _ = try await Self.send(client, .put, files + "/b.nii", body: Array("b".utf8))
            #expect(try await Self.send(client, .delete, files + "/a.nii").status == .ok)
            #expect(try await Self.rows(client, files).map { $0["Name"] } == ["b.nii"])
            #expect(try await Self.send(client, .delete, files + "/a.nii").status == .notFound)

            #expect(try await Self.send(client, .delete, Self.session + "/scans/1/resources/NIFTI").status == .ok)
            #expect(try await Self.rows(client, Self.session + "/scans/1/resources").isEmpty)
            #expect(try await Self.send(client, .delete, Self.session + "/scans/1").status == .ok)
            #expect(try await Self.rows(client, Self.session + "/scans").isEmpty)

            let folder = services.archive.layout.root.appendingPathComponent("P1/arc001/E1")
            #expect(FileManager.default.fileExists(atPath: folder.path))
            let deleted = try await Self.send(client, .delete, "/data/experiments/SLUICE_E00001?removeFiles=true")
            #expect(deleted.status == .ok)
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            #expect(try await Self.send(client, .get, "/data/experiments/SLUICE_E00001").status == .notFound)
            // The label is free again.
            let recreated = try await Self.send(client, .put, Self.session + "?xsiType=xnat:mrSessionData")
            #expect(recreated.status == .created)
            // A subject goes with its experiments.
            #expect(try await Self.send(client, .delete, "/data/projects/P1/subjects/S1?removeFiles=true").status == .ok)
            #expect(try await Self.rows(client, "/data/projects/P1/subjects").isEmpty)
            #expect(try await Self.rows(client, "/data/projects/P1/experiments").isEmpty)
        }
    }

    @Test func scanTypesAreFixedAndHeadersPulled() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            try await Self.createSession(client)
            _ = try await Self.send(client, .put, Self.session + "/scans/4?xsiType=xnat:mrScanData")
            let dicom = ImportTesting.instance(series: 4, number: 1)
            let upload = try await Self.send(client, .put, Self.session + "/scans/4/resources/DICOM/files/1.dcm", body: dicom)
            #expect(upload.status == .ok)
            let pulled = try await Self.send(client, .put, "/data/experiments/SLUICE_E00001?pullDataFromHeaders=true")
            #expect(pulled.status == .ok, "\(pulled.text)")
            let scan = try await Self.send(client, .get, Self.session + "/scans/4?format=json")
            #expect(scan.text.contains("\"UID\":\"\(ImportTesting.study).4\""), "\(scan.text)")
            #expect(scan.text.contains("\"modality\":\"MR\""))
            let fixed = try await Self.send(client, .put, "/data/experiments/SLUICE_E00001?fixScanTypes=true&triggerPipelines=true")
            #expect(fixed.status == .ok)
            let experiment = try await Self.send(client, .get, "/data/experiments/SLUICE_E00001?format=json")
            #expect(experiment.text.contains("\"UID\":\"\(ImportTesting.study)\""))
        }
    }
}
