import Crypto
import DICOM
import Foundation
import TestSupport
import Testing
import XNATImport

/// Building a PET session from ECAT 7 files (`xnat-import-spec.md` §12): one `xnat:petScanData` per file with a
/// plain `ECAT` catalog, identity from the main header, and the DICOM build left alone.
@Suite struct ECATSessionBuilderTests {
    /// A prearchive session folder `<tmp>/P/20240101_120000123/S1` and its document beside it.
    struct Fixture {
        let directory: TemporaryDirectory
        var folder: URL { directory.url.appendingPathComponent("P/20240101_120000123/S1", isDirectory: true) }
        var document: URL { directory.url.appendingPathComponent("P/20240101_120000123/S1.xml") }

        init() throws {
            directory = try TemporaryDirectory(prefix: "sluice-ecat-build")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

        func write(_ relative: String, _ bytes: [UInt8]) throws {
            try FileManager.default.createDirectory(
                at: url(relative).deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(bytes).write(to: url(relative))
        }

        func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative).path) }

        func files() -> [String] {
            let base = folder.standardizedFileURL.path + "/"
            var names: [String] = []
            let walker = FileManager.default.enumerator(atPath: folder.path)
            while let relative = walker?.nextObject() as? String {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: base + relative, isDirectory: &isFolder), !isFolder.boolValue
                {
                    names.append(relative)
                }
            }
            return names.sorted()
        }

        func build(
            _ constants: SessionBuildConstants = SessionBuildConstants(project: "P", label: "S1", subjectID: "SUBJ")
        ) throws
            -> SessionDocument?
        {
            try ECATSessionBuilder.buildIfECAT(
                sessionFolder: folder,
                documentURL: document,
                constants: constants,
                timeZone: TimeZone(identifier: "UTC")!
            )
        }

        func catalog(_ relative: String) throws -> CatalogDocument {
            try CatalogDocument(xml: Data(contentsOf: url(relative)))
        }
    }

    /// An ECAT 7 volume with `frames` frames; `edit` changes its main header.
    static func ecat(frames: Int = 3, _ edit: (inout ECATFileBuilder) -> Void = { _ in }) -> [UInt8] {
        var builder = ECATFileBuilder(frames: frames)
        edit(&builder)
        return builder.build()
    }

    static func md5(_ bytes: [UInt8]) -> String {
        Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test func eachFileIsAPETScanWithAPlainECATCatalog() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        let first = Self.ecat(frames: 3)
        let second = Self.ecat(frames: 2) { $0.setInt32(ECATFileBuilder.defaultScanStart - 3600, at: 62) }
        try fixture.write("SCANS/1/ECAT/dynamic.v", first)
        try fixture.write("SCANS/2/ECAT/static.v", second)

        let document = try #require(try fixture.build())
        #expect(document.dataType == .pet)
        #expect(document.xml().contains("<xnat:PETSession "))
        #expect(document.project == "P")
        #expect(document.label == "S1")
        #expect(document.subjectID == "SUBJ")
        #expect(document.modality == "PET")
        // The earliest scan start: 1_700_000_000 - 3600 s = 2023-11-14T21:13:20Z.
        #expect(document.date == "2023-11-14")
        #expect(document.time == "21:13:20")
        #expect(document.operatorName == "Operator One")
        #expect(document.tracerName == "FDG")
        #expect(document.prearchivePath == fixture.folder.standardizedFileURL.path)
        #expect(document.scans.map(\.id) == ["1", "2"])
        #expect(document.scans.map(\.dataType) == [.pet, .pet])
        #expect(document.scans.map(\.frames) == [3, 2])
        #expect(document.scans.map(\.startTime) == ["22:13:20", "21:13:20"])
        #expect(document.scans.map(\.modality) == ["PET", "PET"])

        let resource = try #require(document.scans.first?.resources.first)
        #expect(resource.label == "ECAT")
        #expect(resource.format == "ECAT")
        #expect(resource.content == "RAW")
        #expect(resource.uri == "SCANS/1/ECAT/scan_1_ECAT_catalog.xml")
        #expect(resource.fileCount == 1)
        #expect(resource.fileSize == Int64(first.count))

        let catalog = try fixture.catalog("SCANS/1/ECAT/scan_1_ECAT_catalog.xml")
        #expect(catalog.kind == .plain)
        #expect(catalog.entries.count == 1)
        #expect(catalog.entries.first?.kind == .plain)
        #expect(catalog.entries.first?.uri == "dynamic.v")
        #expect(catalog.entries.first?.id == "dynamic.v")
        #expect(catalog.entries.first?.format == "ECAT")
        #expect(catalog.entries.first?.digest == Self.md5(first))
        #expect(catalog.entries.first?.sizeInBytes == Int64(first.count))
        #expect(try fixture.catalog("SCANS/2/ECAT/scan_2_ECAT_catalog.xml").entries.first?.digest == Self.md5(second))

        let written = try SessionDocument(xml: Data(contentsOf: fixture.document))
        #expect(written == document)
        #expect(!fixture.exists(ECATSessionBuilder.logName))
    }

    @Test func withoutRowValuesTheLabelAndSubjectComeFromThePatient() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.write("SCANS/1/ECAT/a.v", Self.ecat())
        let document = try #require(try fixture.build(SessionBuildConstants()))
        #expect(document.project == nil)
        #expect(document.label == "P_0001")
        #expect(document.subjectID == "Doe_Jane")
    }

    @Test func theHookInThePrearchiveBuilderTakesECATFolders() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.write("SCANS/1/ECAT/a.v", Self.ecat())
        let document = try PrearchiveSessionBuilder.build(
            sessionFolder: fixture.folder,
            documentURL: fixture.document,
            constants: SessionBuildConstants(project: "P", label: "S1")
        )
        #expect(document.dataType == .pet)
        #expect(document.scans.map(\.id) == ["1"])
        #expect(fixture.exists("SCANS/1/ECAT/scan_1_ECAT_catalog.xml"))
    }

    @Test func aSecondFileInOneFolderGetsTheNextScanAndRebuildingChangesNothing() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.write("SCANS/1/ECAT/a.v", Self.ecat())
        try fixture.write("SCANS/1/ECAT/b.v", Self.ecat(frames: 1))
        try fixture.write("SCANS/3/ECAT/c.v", Self.ecat(frames: 2))
        let document = try #require(try fixture.build())
        #expect(document.scans.map(\.id) == ["1", "3", "4"])
        #expect(document.scans.map(\.frames) == [3, 2, 1])
        #expect(
            fixture.files() == [
                "SCANS/1/ECAT/a.v", "SCANS/1/ECAT/scan_1_ECAT_catalog.xml", "SCANS/3/ECAT/c.v",
                "SCANS/3/ECAT/scan_3_ECAT_catalog.xml", "SCANS/4/ECAT/b.v", "SCANS/4/ECAT/scan_4_ECAT_catalog.xml",
            ]
        )
        let before = try Data(contentsOf: fixture.document)
        let again = try #require(try fixture.build())
        #expect(again == document)
        #expect(try Data(contentsOf: fixture.document) == before)
    }

    @Test func aFileNamedLikeItsCatalogIsRenamedNotOverwritten() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        let bytes = Self.ecat()
        try fixture.write("SCANS/1/ECAT/scan_1_ECAT_catalog.xml", bytes)
        let document = try #require(try fixture.build())
        #expect(document.scans.count == 1)
        let catalog = try fixture.catalog("SCANS/1/ECAT/scan_1_ECAT_catalog.xml")
        #expect(catalog.entries.map(\.uri) == ["scan_1_ECAT_catalog_1.xml"])
        #expect(try Data(contentsOf: fixture.url("SCANS/1/ECAT/scan_1_ECAT_catalog_1.xml")) == Data(bytes))
    }

    @Test func foldersWithDICOMOrWithoutECATAreLeftToTheDICOMBuild() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        #expect(try fixture.build() == nil)
        try fixture.write("SCANS/1/ECAT/a.v", Self.ecat())
        var builder = DICOMFileBuilder.instance(
            studyUID: "1.2.3",
            seriesUID: "1.2.3.4",
            instanceUID: "1.2.3.4.5",
            patientName: "Doe^Jane",
            patientID: "P1"
        )
        builder.set(.seriesNumber, .IS, "4")
        try fixture.write("SCANS/4/DICOM/i.dcm", builder.file())
        #expect(try fixture.build() == nil)
        #expect(!fixture.exists("SCANS/1/ECAT/scan_1_ECAT_catalog.xml"))
        let document = try PrearchiveSessionBuilder.build(
            sessionFolder: fixture.folder,
            documentURL: fixture.document,
            constants: SessionBuildConstants(project: "P", label: "S1")
        )
        #expect(document.dataType == .mr)
        #expect(document.scans.map(\.id) == ["4"])
    }

    @Test func unreadableFilesAreLoggedAndOnlyUnreadableFilesFailTheBuild() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.write("SCANS/1/ECAT/junk.v", Array("not an ECAT file at all".utf8))
        #expect(throws: ECATSessionBuildError.self) { try fixture.build() }
        #expect(!FileManager.default.fileExists(atPath: fixture.document.path))

        let truncated = Array(Self.ecat().prefix(700))
        try fixture.write("SCANS/2/ECAT/cut.v", truncated)
        try fixture.write("SCANS/3/ECAT/good.v", Self.ecat())
        let document = try #require(try fixture.build())
        #expect(document.scans.map(\.id) == ["3"])
        let log = try String(contentsOf: fixture.url(ECATSessionBuilder.logName), encoding: .utf8)
        #expect(log.contains("SCANS/1/ECAT/junk.v: not readable as ECAT 7"))
        #expect(log.contains("SCANS/2/ECAT/cut.v: not readable as ECAT 7"))
        #expect(fixture.exists("SCANS/1/ECAT/junk.v"))
    }

    @Test func disagreeingHeadersAreLeftOutWithAWarning() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.write("SCANS/1/ECAT/a.v", Self.ecat())
        try fixture.write("SCANS/2/ECAT/b.v", Self.ecat { $0.setText("Operator Two", at: 264, width: 32) })
        let document = try #require(try fixture.build())
        #expect(document.operatorName == nil)
        #expect(document.tracerName == "FDG")
        let log = try String(contentsOf: fixture.url(ECATSessionBuilder.logName), encoding: .utf8)
        #expect(log.contains("operator_name (Operator One, Operator Two)"))
    }

    @Test func framesFallBackToTheDirectoryWhenTheMainHeaderSaysNothing() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.write("SCANS/1/ECAT/a.v", Self.ecat(frames: 4) { $0.setUInt16(0, at: 354) })
        let document = try #require(try fixture.build())
        #expect(document.scans.first?.frames == 4)
    }
}
