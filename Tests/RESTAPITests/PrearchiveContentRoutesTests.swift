import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import TestSupport
import Testing
import Unpacking
import XNATImport

/// Browsing a prearchive session's scans, resources and files (`xnat-clients.md` §1.4, §2.4; xnatpy's
/// `PrearchiveSession.scans`, `scan.resources`, `resource.files`, `file.open()` and the downloads), through the
/// router on real services.
@Suite struct PrearchiveContentRoutesTests {
    static let admin = ImportTesting.admin
    static let one = ImportTesting.instance(series: 4, number: 1)
    static let two = ImportTesting.instance(series: 4, number: 2)
    static let three = ImportTesting.instance(series: 5, number: 1)

    // MARK: - Listings

    @Test func scansListTheDocumentsScans() async throws {
        try await withSession { client, key in
            let base = "/data\(key.url)"
            let response = try await Self.get(client, base + "/scans?columns=ID,URI,series_description&format=json")
            #expect(response.status == .ok)
            let rows = try Self.results(response)
            #expect(rows.map { $0["ID"] } == ["4", "5"])
            #expect(rows.map { $0["URI"] } == ["\(base)/scans/4", "\(base)/scans/5"])
            #expect(rows.allSatisfy { $0["xsiType"] == "xnat:mrScanData" })
            #expect(rows.allSatisfy { $0["series_description"] != nil && $0["type"] != nil })

            let one = try await Self.get(client, "/REST\(key.url)/scans/5")
            #expect(try Self.results(one).map { $0["ID"] } == ["5"])
            let csv = try await Self.get(client, base + "/scans?format=csv")
            #expect(csv.text.hasPrefix("ID,xsiType,series_description,type,URI"))
        }
    }

    @Test func resourcesListTheScansCatalogs() async throws {
        try await withSession { client, key in
            let base = "/data\(key.url)/scans/4"
            let response = try await Self.get(client, base + "/resources?columns=ID,URI,label&format=json")
            #expect(response.status == .ok)
            let rows = try Self.results(response)
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row["label"] == "DICOM")
            #expect(row["file_count"] == "2")
            #expect(row["file_size"] == String(Self.one.count + Self.two.count))
            #expect(row["format"] == "DICOM")
            #expect(row["content"] == "RAW")
            #expect(row["category"] == "scans")
            #expect(row["cat_id"] == "4")
            #expect(row["URI"] == base + "/resources/DICOM")
        }
    }

    @Test func filesListTheCatalogEntriesAndServeTheirBytes() async throws {
        try await withSession { client, key in
            let base = "/data\(key.url)/scans/4/resources/DICOM/files"
            let response = try await Self.get(client, base + "?columns=ID,URI,name&format=json")
            #expect(response.status == .ok)
            let rows = try Self.results(response).sorted { ($0["Name"] ?? "") < ($1["Name"] ?? "") }
            #expect(rows.map { $0["Name"] } == ["one.dcm", "two.dcm"])
            #expect(rows.map { $0["Size"] } == [String(Self.one.count), String(Self.two.count)])
            #expect(rows.map { $0["URI"] } == [base + "/one.dcm", base + "/two.dcm"])
            #expect(rows.allSatisfy { ($0["digest"] ?? "").count == 32 })

            for (row, bytes) in zip(rows, [Self.one, Self.two]) {
                let file = try await Self.get(client, try #require(row["URI"]))
                #expect(file.status == .ok)
                #expect(file.headers[.contentType] == "application/octet-stream")
                #expect(Array(file.body.readableBytesView) == bytes)
            }
            let viaREST = try await Self.get(client, "/REST\(key.url)/scans/5/resources/DICOM/files/three.dcm")
            #expect(Array(viaREST.body.readableBytesView) == Self.three)
        }
    }

    // MARK: - Zips

    @Test func scanZipHoldsTheScanFolder() async throws {
        try await withSession { client, key in
            let response = try await Self.get(client, "/data\(key.url)/scans/4?format=zip")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/zip")
            let files = try Self.unzip(response)
            let prefix = "\(key.folderName)/SCANS/4/DICOM/"
            #expect(files[prefix + "one.dcm"] == Self.one)
            #expect(files[prefix + "two.dcm"] == Self.two)
            #expect(files.keys.contains(prefix + "scan_4_catalog.xml"))
            #expect(files.keys.allSatisfy { $0.hasPrefix("\(key.folderName)/SCANS/4/") })
        }
    }

    @Test func resourceZipHoldsOnlyTheCatalogsFiles() async throws {
        try await withSession { client, key in
            let uri = "/data\(key.url)/scans/5/resources/DICOM/files?format=zip"
            let response = try await Self.get(client, uri)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/zip")
            let files = try Self.unzip(response)
            #expect(files == ["\(key.folderName)/SCANS/5/DICOM/three.dcm": Self.three])
        }
    }

    // MARK: - Not found

    @Test func unknownScanResourceAndFileAre404() async throws {
        try await withSession { client, key in
            let base = "/data\(key.url)/scans"
            for uri in [
                "/9", "/9/resources", "/9?format=zip", "/4/resources/secondary/files",
                "/4/resources/NOPE/files?format=zip",
                "/4/resources/DICOM/files/three.dcm", "/4/resources/DICOM/files/scan_4_catalog.xml",
                "/4/resources/DICOM/files/..%2F..%2F..%2F\(key.folderName).xml",
                "/4/resources/DICOM/files/%2E%2E",
            ] {
                let response = try await Self.get(client, base + uri)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true, "\(uri)")
            }
            let other = try PrearchiveSessionKey(project: "P1", timestamp: key.timestamp, folderName: "nothere")
            let missing = try await Self.get(client, "/data\(other.url)/scans")
            #expect(missing.status == .notFound)
        }
    }

    @Test func anUnbuiltSessionHasNoScansToBrowse() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let body = try ImportTesting.zip([("a.dcm", Self.one)])
            let posted = try await ImportTesting.post(client, "?PROJECT_ID=P1", body: body)
            let key = try #require(PrearchiveSessionKey(url: ImportTesting.uri(posted)))
            for uri in ["/scans", "/scans/4", "/scans/4/resources", "/scans/4/resources/DICOM/files/a.dcm"] {
                let response = try await Self.get(client, "/data\(key.url)\(uri)")
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.text.contains("session document is not available"), "\(uri)")
            }
        }
    }

    @Test func unassignedSessionsAreForAdministratorsOnly() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let body = try ImportTesting.zip([("a.dcm", Self.one)])
            let posted = try await ImportTesting.post(client, "?action=commit", body: body)
            let key = try #require(PrearchiveSessionKey(url: ImportTesting.uri(posted)))
            #expect(key.project == nil)
            let user = try await Self.get(client, "/data\(key.url)/scans", headers: TestAccounts.userHeaders)
            #expect(user.status == .forbidden)
            let admin = try await Self.get(client, "/data\(key.url)/scans")
            #expect(try Self.results(admin).map { $0["ID"] } == ["4"])
        }
    }

    // MARK: - Helpers

    /// Imports ``one`` and ``two`` (scan 4) and ``three`` (scan 5) into P1 with `action=commit`.
    func withSession(
        _ test: @escaping @Sendable (any TestClientProtocol, PrearchiveSessionKey) async throws -> Void
    ) async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let body = try ImportTesting.zip([("one.dcm", Self.one), ("two.dcm", Self.two), ("three.dcm", Self.three)])
            let posted = try await ImportTesting.post(client, "?PROJECT_ID=P1&action=commit", body: body)
            #expect(posted.status == .ok)
            let key = try #require(PrearchiveSessionKey(url: ImportTesting.uri(posted)))
            try await test(client, key)
        }
    }

    static func get(
        _ client: some TestClientProtocol,
        _ uri: String,
        headers: HTTPFields = admin
    ) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers)
    }

    static func results(_ response: TestResponse) throws -> [[String: String]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
        let resultSet = try #require(json["ResultSet"] as? [String: Any])
        return try #require(resultSet["Result"] as? [[String: String]])
    }

    /// The zip's files, by entry path, extracted with Sluice's own extractor.
    static func unzip(_ response: TestResponse) throws -> [String: [UInt8]] {
        let bytes = Array(response.body.readableBytesView)
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("content-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("download.zip")
        try Data(bytes).write(to: zip)
        let result = try ArchiveExtractor().extract(upload: zip, into: folder.appendingPathComponent("out"))
        var files: [String: [UInt8]] = [:]
        for file in result.files {
            files[file.path] = Array(try Data(contentsOf: folder.appendingPathComponent("out/\(file.path)")))
        }
        return files
    }
}
