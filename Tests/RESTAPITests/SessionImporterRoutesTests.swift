import DICOM
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import TestSupport
import Testing
import XNATImport

/// `POST /data/services/import?import-handler=SI` (`xnat-import-spec.md` §2.3, §12): whole sessions built at
/// once, original file names, one session per upload unless `dest` is a prearchive URI, auto-archive in XNAT's
/// order, and ECAT files as PET sessions.
@Suite struct SessionImporterRoutesTests {
    private static let admin = ImportTesting.admin
    private static let otherStudy = "1.2.826.0.1.3680043.8.498.78"

    /// Posts `body` to the SI importer with `query` (without the leading `?`).
    private static func post(
        _ client: some TestClientProtocol,
        _ query: String,
        body: [UInt8],
        contentType: String = "application/zip"
    ) async throws -> TestResponse {
        try await ImportTesting.post(
            client,
            "?import-handler=SI" + (query.isEmpty ? "" : "&" + query),
            body: body,
            contentType: contentType
        )
    }

    /// A zip of `numbers` of `series` (entries `i<number>.dcm`).
    private static func series(_ series: Int, _ numbers: ClosedRange<Int>) throws -> [UInt8] {
        try ImportTesting.zip(numbers.map { ("i\($0).dcm", ImportTesting.instance(series: series, number: $0)) })
    }

    /// An MR instance of ``otherStudy`` (another patient ID, so another folder too).
    private static func otherStudyInstance(number: Int) -> [UInt8] {
        var builder = DICOMFileBuilder.instance(
            studyUID: otherStudy,
            seriesUID: "\(otherStudy).1",
            instanceUID: "\(otherStudy).1.\(number)",
            patientName: "Other Patient",
            patientID: "Other ID"
        )
        builder.set(.seriesNumber, .IS, "1")
        return builder.file()
    }

    private static func key(_ response: TestResponse) throws -> PrearchiveSessionKey {
        try #require(PrearchiveSessionKey(url: ImportTesting.uri(response)))
    }

    @Test func oneStudyIsBuiltReadyWithTheOriginalNames() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let body = try ImportTesting.zip([
                ("a/x1.dcm", ImportTesting.instance(series: 4, number: 1)),
                ("b/x1.dcm", ImportTesting.instance(series: 4, number: 2)),
                ("c/second series.dcm", ImportTesting.instance(series: 5, number: 1)),
                ("notes.txt", Array("not DICOM".utf8)),
            ])
            let response = try await Self.post(client, "PROJECT_ID=P1", body: body)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/uri-list")
            let key = try Self.key(response)
            #expect(key.project == "P1")
            #expect(key.folderName == "Sample_ID")
            #expect(response.text == "/data\(key.url)\r\n")
            let row = try await services.prearchive.session(key)
            #expect(row.status == .ready)
            #expect(row.source == "SessionImporter")
            #expect(row.preventAutoCommit)
            #expect(row.name == "Sample_ID")
            #expect(row.subject == "Sample_Patient")
            #expect(row.tag == ImportTesting.study)
            #expect(
                ImportTesting.files(under: services.prearchive.layout.sessionFolder(of: key)) == [
                    "SCANS/4/DICOM/scan_4_catalog.xml", "SCANS/4/DICOM/x1.dcm", "SCANS/4/DICOM/x1_1.dcm",
                    "SCANS/5/DICOM/scan_5_catalog.xml", "SCANS/5/DICOM/second series.dcm",
                ]
            )
            let document = try SessionDocument(
                xml: Data(contentsOf: services.prearchive.layout.sessionDocument(of: key))
            )
            #expect(document.project == "P1")
            #expect(document.label == "Sample_ID")
            #expect(document.scans.map(\.id) == ["4", "5"])
        }
    }

    @Test func requestedLabelsNameTheSessionButNotTheFolder() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let response = try await Self.post(
                client,
                "project=P1&subject=S1&session=E1",
                body: try Self.series(4, 1...2)
            )
            #expect(response.status == .ok)
            let key = try Self.key(response)
            #expect(key.folderName == "Sample_ID")
            let row = try await services.prearchive.session(key)
            #expect(row.name == "E1")
            #expect(row.subject == "S1")
        }
    }

    @Test func twoStudiesAreRefusedAndBothSessionsStay() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let body = try ImportTesting.zip([
                ("a.dcm", ImportTesting.instance(series: 4, number: 1)),
                ("b.dcm", Self.otherStudyInstance(number: 1)),
            ])
            let response = try await Self.post(client, "PROJECT_ID=P1", body: body)
            #expect(response.status == .badRequest)
            #expect(response.text == "Upload included files for multiple imaging sessions.")
            let rows = try await services.store.prearchiveSessions()
            #expect(rows.map(\.folderName).sorted() == ["Other_ID", "Sample_ID"])
            #expect(rows.allSatisfy { $0.status == .ready && $0.project == "P1" })
            #expect(Set(rows.map(\.timestamp)).count == 1)
        }
    }

    @Test func anUploadWithoutDICOMOrECATIsRefused() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let body = try ImportTesting.zip([("readme.txt", Array("hello".utf8))])
            let response = try await Self.post(client, "PROJECT_ID=P1", body: body)
            #expect(response.status == .badRequest)
            #expect(response.text == "Upload did not include parsable files for session generation.")
            let single = try await Self.post(
                client,
                "PROJECT_ID=P1",
                body: Array("hello".utf8),
                contentType: "text/plain"
            )
            #expect(single.status == .badRequest)
            #expect(single.text == "Upload did not include parsable files for session generation.")
            #expect(try await services.store.prearchiveSessions().isEmpty)
        }
    }

    @Test func autoArchiveTrueArchivesTheSession() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let response = try await Self.post(client, "PROJECT_ID=P1&AA=true", body: try Self.series(4, 1...3))
            #expect(response.status == .ok)
            #expect(response.text == "/data/archive/projects/P1/subjects/Sample_Patient/experiments/Sample_ID\r\n")
            #expect(try await services.store.prearchiveSessions().isEmpty)
            let folder = try services.archive.layout.sessionFolder(project: "P1", label: "Sample_ID")
            #expect(ImportTesting.files(under: folder).contains("SCANS/4/DICOM/i3.dcm"))
        }
    }

    @Test func anAutoArchiveProjectArchivesUnlessTheRequestSaysNo() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let code = try await client.execute(
                uri: "/data/projects/P1/prearchive_code/4",
                method: .put,
                headers: Self.admin
            )
            #expect(code.status == .ok)
            let declined = try await Self.post(
                client,
                "PROJECT_ID=P1&auto-archive=false",
                body: try Self.series(4, 1...2)
            )
            #expect(declined.status == .ok)
            #expect(ImportTesting.uri(declined).hasPrefix("/data/prearchive/projects/P1/"))

            let response = try await Self.post(client, "PROJECT_ID=P1", body: try Self.series(4, 1...2))
            #expect(response.status == .ok)
            #expect(
                ImportTesting.uri(response) == "/data/archive/projects/P1/subjects/Sample_Patient/experiments/Sample_ID"
            )
        }
    }

    @Test func anArchiveDestinationArchivesAndConflictsKeepTheir409() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let first = try await Self.post(
                client,
                "dest=/archive/projects/P1/subjects/S1/experiments/E1",
                body: try Self.series(4, 1...2)
            )
            #expect(first.status == .ok)
            #expect(ImportTesting.uri(first) == "/data/archive/projects/P1/subjects/S1/experiments/E1")

            let again = try await Self.post(
                client,
                "PROJECT_ID=P1&session=E1&subject=S1&AA=true",
                body: try Self.series(4, 3...3)
            )
            #expect(again.status == .conflict)
            #expect(again.text == "Session already exists, retry with overwrite enabled")
            let row = try #require(try await services.store.prearchiveSessions().first)
            #expect(row.status == .conflict)

            let merged = try await Self.post(
                client,
                "dest=/archive/projects/P1/subjects/S1/experiments/E1&overwrite=append",
                body: try Self.series(4, 4...4)
            )
            #expect(merged.status == .ok)
            let folder = try services.archive.layout.sessionFolder(project: "P1", label: "E1")
            #expect(ImportTesting.files(under: folder).filter { $0.hasSuffix(".dcm") }.count == 3)
        }
    }

    @Test func aPrearchiveDestinationAnswersEverySessionAndMergesIntoAPinnedFolder() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let body = try ImportTesting.zip([
                ("a.dcm", ImportTesting.instance(series: 4, number: 1)),
                ("b.dcm", Self.otherStudyInstance(number: 1)),
            ])
            let both = try await Self.post(client, "dest=/prearchive/projects/P1", body: body)
            #expect(both.status == .ok)
            let lines = both.text.split(separator: "\r\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines.allSatisfy { $0.hasPrefix("/data/prearchive/projects/P1/") })

            let pinned = "/prearchive/projects/P1/20000101_100001/S1"
            let first = try await Self.post(client, "dest=\(pinned)", body: try Self.series(4, 1...2))
            #expect(first.status == .ok)
            #expect(first.text == "/data\(pinned)\r\n")
            let refused = try await Self.post(client, "dest=\(pinned)", body: try Self.series(5, 1...1))
            #expect(refused.status == .conflict)
            #expect(refused.text == "Session already exists with matching files.")
            let same = try await Self.post(client, "dest=\(pinned)&overwrite=append", body: try Self.series(4, 2...2))
            #expect(same.status == .conflict)
            let second = try await Self.post(client, "dest=\(pinned)&overwrite=append", body: try Self.series(5, 1...1))
            #expect(second.status == .ok)
            let key = try #require(PrearchiveSessionKey(url: pinned))
            let row = try await services.prearchive.session(key)
            #expect(row.status == .ready)
            let document = try SessionDocument(
                xml: Data(contentsOf: services.prearchive.layout.sessionDocument(of: key))
            )
            #expect(document.scans.map(\.id) == ["4", "5"])

            let otherStudy = try await Self.post(
                client,
                "dest=\(pinned)&overwrite=append",
                body: try ImportTesting.zip([("c.dcm", Self.otherStudyInstance(number: 2))])
            )
            #expect(otherStudy.status == .badRequest)
        }
    }

    @Test func aSingleDICOMFileIsASession() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let response = try await Self.post(
                client,
                "PROJECT_ID=P1",
                body: ImportTesting.instance(series: 4, number: 1),
                contentType: "application/dicom"
            )
            #expect(response.status == .ok)
            let key = try Self.key(response)
            #expect(
                ImportTesting.files(under: services.prearchive.layout.sessionFolder(of: key)) == [
                    "SCANS/4/DICOM/scan_4_catalog.xml", "SCANS/4/DICOM/upload.dcm",
                ]
            )
        }
    }

    @Test func aTarGzIsUnpacked() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let tar = Self.tar([
                ("study/1.dcm", ImportTesting.instance(series: 4, number: 1)),
                ("study/2.dcm", ImportTesting.instance(series: 4, number: 2)),
            ])
            let response = try await Self.post(
                client,
                "PROJECT_ID=P1",
                body: Self.gzipStored(tar),
                contentType: "application/x-gtar"
            )
            #expect(response.status == .ok)
            let key = try Self.key(response)
            #expect(
                ImportTesting.files(under: services.prearchive.layout.sessionFolder(of: key)) == [
                    "SCANS/4/DICOM/1.dcm", "SCANS/4/DICOM/2.dcm", "SCANS/4/DICOM/scan_4_catalog.xml",
                ]
            )
        }
    }

    @Test func withoutAProjectTheSessionIsUnassignedAndNeverArchived() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let response = try await Self.post(client, "AA=true", body: try Self.series(4, 1...1))
            #expect(response.status == .ok)
            let key = try Self.key(response)
            #expect(key.project == nil)
            #expect(try await services.prearchive.session(key).status == .ready)
        }
    }

    @Test func ecatFilesBecomeOnePETSessionPerPatient() async throws {
        try await ImportTesting.withImportRouter { client, services in
            var second = ECATFileBuilder(frames: 2)
            second.setText("Second", at: 14, width: 32)
            let body = try ImportTesting.zip([
                ("pet/b.v", second.build()),
                ("pet/a.v", ECATFileBuilder(frames: 3).build()),
            ])
            let response = try await Self.post(client, "PROJECT_ID=P1", body: body)
            #expect(response.status == .ok)
            let key = try Self.key(response)
            #expect(key.folderName == "P_0001")
            let row = try await services.prearchive.session(key)
            #expect(row.status == .ready)
            #expect(row.name == "P_0001")
            #expect(row.subject == "Doe_Jane")
            #expect(
                ImportTesting.files(under: services.prearchive.layout.sessionFolder(of: key)).filter {
                    !$0.hasPrefix("logs/")
                } == [
                    "SCANS/1/ECAT/a.v", "SCANS/1/ECAT/scan_1_ECAT_catalog.xml",
                    "SCANS/2/ECAT/b.v", "SCANS/2/ECAT/scan_2_ECAT_catalog.xml",
                ]
            )
            let xml = try String(contentsOf: services.prearchive.layout.sessionDocument(of: key), encoding: .utf8)
            #expect(xml.contains("<xnat:PETSession "))
            let document = try SessionDocument(xml: Data(xml.utf8))
            #expect(document.scans.map(\.frames) == [3, 2])
            #expect(document.scans.allSatisfy { $0.dataType == .pet })

            // With AA=true the ECAT session is archived, its resources carried across.
            let archived = try await Self.post(client, "PROJECT_ID=P1&session=PET2&AA=true", body: body)
            #expect(archived.status == .ok)
            #expect(ImportTesting.uri(archived) == "/data/archive/projects/P1/subjects/Doe_Jane/experiments/PET2")
            let folder = try services.archive.layout.sessionFolder(project: "P1", label: "PET2")
            #expect(
                ImportTesting.files(under: folder) == [
                    "PET2.xml", "SCANS/1/ECAT/a.v", "SCANS/1/ECAT/scan_1_ECAT_catalog.xml", "SCANS/2/ECAT/b.v",
                    "SCANS/2/ECAT/scan_2_ECAT_catalog.xml",
                ]
            )
        }
    }

    // MARK: - Archives by hand

    /// A ustar archive of `(name, bytes)` files.
    static func tar(_ files: [(String, [UInt8])]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, data) in files {
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ text: String, at offset: Int) {
                for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
            }
            func octal(_ value: Int, width: Int) -> String {
                let digits = String(value, radix: 8)
                return String(repeating: "0", count: width - 1 - digits.count) + digits
            }
            put(name, at: 0)
            put(octal(0o644, width: 8), at: 100)
            put(octal(0, width: 8), at: 108)
            put(octal(0, width: 8), at: 116)
            put(octal(data.count, width: 12), at: 124)
            put(octal(0, width: 12), at: 136)
            put("        ", at: 148)
            put("0", at: 156)
            put("ustar", at: 257)
            put("00", at: 263)
            let checksum = header.reduce(0) { $0 + Int($1) }
            put(octal(checksum, width: 7), at: 148)
            bytes += header + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
        }
        return bytes + [UInt8](repeating: 0, count: 1024)
    }

    /// `data` as a gzip stream of stored (uncompressed) deflate blocks.
    static func gzipStored(_ data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let isLast = offset + count == data.count
            bytes.append(isLast ? 1 : 0)
            bytes += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            bytes += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        for value in [crc, UInt32(truncatingIfNeeded: data.count)] {
            bytes += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
        }
        return bytes
    }
}
