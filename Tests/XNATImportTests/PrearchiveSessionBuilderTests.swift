import Crypto
import DICOM
import Foundation
import TestSupport
import Testing
import XNATImport

/// Building a session on disk (`xnat-import-spec.md` §4.1, §5): read the folder, write catalogs, move files,
/// write the document.
@Suite struct PrearchiveSessionBuilderTests {
    /// A prearchive session folder `<tmp>/P/20240101_120000123/S1` and its document beside it.
    struct Fixture {
        let directory: TemporaryDirectory
        var folder: URL { directory.url.appendingPathComponent("P/20240101_120000123/S1", isDirectory: true) }
        var document: URL { directory.url.appendingPathComponent("P/20240101_120000123/S1.xml") }
        let constants = SessionBuildConstants(project: "P", label: "S1", subjectID: "SUBJ")

        init() throws {
            directory = try TemporaryDirectory(prefix: "sluice-session-build")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

        func write(_ relative: String, _ bytes: [UInt8]) throws {
            let file = url(relative)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(bytes).write(to: file)
        }

        /// Writes an instance of `series` (`seriesNumber`) to `relative`.
        func writeInstance(
            _ relative: String,
            series: String,
            number: String,
            instance: String,
            instanceNumber: String = "1",
            sopClass: String = RoutingFixtures.mrImageStorage,
            study: String = "1.2.826.0.1.3680043.8.498.1",
            pixelBytes: Int = 64
        ) throws {
            var builder = DICOMFileBuilder.seriesInstance(
                studyUID: study,
                seriesUID: series,
                seriesNumber: number,
                instanceUID: instance,
                instanceNumber: instanceNumber,
                sopClassUID: sopClass,
                modality: sopClass == RoutingFixtures.rtStructureSetStorage ? "RTSTRUCT" : "MR"
            )
            builder.setPixelData(count: pixelBytes)
            try write(relative, builder.file())
        }

        func exists(_ relative: String) -> Bool {
            FileManager.default.fileExists(atPath: url(relative).path)
        }

        /// Every regular file under the session folder, relative, sorted; with its bytes.
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            let base = folder.standardizedFileURL.path + "/"
            let enumerator = FileManager.default.enumerator(atPath: folder.path)
            while let relative = enumerator?.nextObject() as? String {
                let path = base + relative
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                if attributes[.type] as? FileAttributeType == .typeRegular {
                    files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
                }
            }
            return files
        }

        func build() throws -> SessionDocument {
            try PrearchiveSessionBuilder.build(sessionFolder: folder, documentURL: document, constants: constants)
        }

        func catalog(_ relative: String) throws -> CatalogDocument {
            try CatalogDocument(xml: Data(contentsOf: url(relative)))
        }
    }

    static func md5(_ url: URL) throws -> String {
        Insecure.MD5.hash(data: try Data(contentsOf: url)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }

    @Test func writesTheDocumentAndCatalogs() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.writeInstance(
            "SCANS/4/DICOM/a.dcm",
            series: "1.4",
            number: "4",
            instance: "1.4.1",
            instanceNumber: "2",
            pixelBytes: 3 << 20
        )
        try fixture.writeInstance("SCANS/4/DICOM/b.dcm", series: "1.4", number: "4", instance: "1.4.2")
        try fixture.writeInstance(
            "SCANS/4/DICOM/rt.dcm",
            series: "1.4",
            number: "4",
            instance: "1.4.9",
            sopClass: RoutingFixtures.rtStructureSetStorage
        )
        try fixture.write("SCANS/4/DICOM/.sluice-tmp-partial", [1, 2, 3])

        let built = try fixture.build()
        let document = try SessionDocument(xml: Data(contentsOf: fixture.document))
        #expect(document == built)
        #expect(document.dataType == .mr)
        #expect(document.project == "P")
        #expect(document.label == "S1")
        #expect(document.subjectID == "SUBJ")
        #expect(document.prearchivePath == fixture.folder.standardizedFileURL.path)
        #expect(document.scans.map(\.id) == ["4"])
        #expect(
            document.scans.first?.resources.map(\.uri) == [
                "SCANS/4/DICOM/scan_4_catalog.xml", "SCANS/4/secondary/scan_4_secondary_catalog.xml",
            ]
        )
        #expect(fixture.exists("SCANS/4/secondary/rt.dcm"))
        #expect(!fixture.exists("SCANS/4/DICOM/rt.dcm"))
        #expect(fixture.exists("SCANS/4/DICOM/.sluice-tmp-partial"))
        #expect(!fixture.exists("dcmtoxnat.log"))

        for (resource, names) in [("SCANS/4/DICOM", ["b.dcm", "a.dcm"]), ("SCANS/4/secondary", ["rt.dcm"])] {
            let catalogPath = try #require(document.scans.first?.resources.first { $0.uri.hasPrefix(resource) }?.uri)
            let catalog = try fixture.catalog(catalogPath)
            #expect(catalog.uid == "1.4")
            #expect(catalog.entries.map(\.uri) == names)
            for entry in catalog.entries {
                let file = fixture.url(resource + "/" + entry.uri)
                #expect(entry.digest == (try Self.md5(file)))
                let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int
                #expect(entry.sizeInBytes == size.map(Int64.init))
            }
        }
    }

    @Test func filesMoveToTheirScanAndStaleFoldersGo() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.writeInstance("SCANS/5/DICOM/a.dcm", series: "1.5.1", number: "5", instance: "1.5.1.1")
        try fixture.writeInstance("SCANS/5/DICOM/b.dcm", series: "1.5.2", number: "5", instance: "1.5.2.1")
        try fixture.write("SCANS/5/DICOM/scan_5_catalog.xml", Array("<old/>".utf8))

        let document = try fixture.build()
        #expect(document.scans.map(\.id) == ["5-MR1", "5-MR2"])
        #expect(fixture.exists("SCANS/5-MR1/DICOM/a.dcm"))
        #expect(fixture.exists("SCANS/5-MR1/DICOM/scan_5-MR1_catalog.xml"))
        #expect(fixture.exists("SCANS/5-MR2/DICOM/b.dcm"))
        #expect(fixture.exists("SCANS/5-MR2/DICOM/scan_5-MR2_catalog.xml"))
        #expect(!fixture.exists("SCANS/5"))
        #expect(try fixture.catalog("SCANS/5-MR2/DICOM/scan_5-MR2_catalog.xml").entries.map(\.uid) == ["1.5.2.1"])
    }

    @Test func rebuildingChangesNothing() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.writeInstance("SCANS/5/DICOM/a.dcm", series: "1.5.1", number: "5", instance: "1.5.1.1")
        try fixture.writeInstance("SCANS/5/DICOM/b.dcm", series: "1.5.2", number: "5", instance: "1.5.2.1")
        try fixture.writeInstance(
            "SCANS/5/DICOM/rt.dcm",
            series: "1.5.2",
            number: "5",
            instance: "1.5.2.2",
            sopClass: RoutingFixtures.rtStructureSetStorage
        )
        let first = try fixture.build()
        let files = try fixture.snapshot()
        let xml = try Data(contentsOf: fixture.document)
        let second = try fixture.build()
        #expect(second == first)
        #expect(try fixture.snapshot() == files)
        #expect(try Data(contentsOf: fixture.document) == xml)
    }

    @Test func unreadableFilesAreReportedAndKept() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.writeInstance("SCANS/4/DICOM/a.dcm", series: "1.4", number: "4", instance: "1.4.1")
        try fixture.write("SCANS/4/DICOM/junk.dcm", Array("this is not a DICOM file\n".utf8))

        let document = try fixture.build()
        #expect(document.scans.first?.resources.first?.fileCount == 1)
        #expect(fixture.exists("SCANS/4/DICOM/junk.dcm"))
        let log = try String(contentsOf: fixture.url("dcmtoxnat.log"), encoding: .utf8)
        #expect(log.hasPrefix("SCANS/4/DICOM/junk.dcm: not readable as DICOM"))

        try FileManager.default.removeItem(at: fixture.url("SCANS/4/DICOM/junk.dcm"))
        _ = try fixture.build()
        #expect(!fixture.exists("dcmtoxnat.log"))
    }

    @Test func duplicatesAreDeletedAndLinksIgnored() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.writeInstance("SCANS/4/DICOM/a.dcm", series: "1.4", number: "4", instance: "1.4.1")
        try fixture.writeInstance("SCANS/4/DICOM/b.dcm", series: "1.4", number: "4", instance: "1.4.1")
        let outside = fixture.directory.url.appendingPathComponent("outside.dcm")
        try Data(DICOMFileBuilder.seriesInstance(seriesUID: "1.9", seriesNumber: "9", instanceUID: "1.9.1").file())
            .write(to: outside)
        try FileManager.default.createSymbolicLink(
            at: fixture.url("SCANS/4/DICOM/link.dcm"),
            withDestinationURL: outside
        )

        let document = try fixture.build()
        #expect(document.scans.map(\.id) == ["4"])
        #expect(fixture.exists("SCANS/4/DICOM/a.dcm"))
        #expect(!fixture.exists("SCANS/4/DICOM/b.dcm"))
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: fixture.url("SCANS/4/DICOM/link.dcm").path)
                == outside.path
        )
        #expect(try fixture.catalog("SCANS/4/DICOM/scan_4_catalog.xml").entries.map(\.uri) == ["a.dcm"])
        let log = try String(contentsOf: fixture.url("dcmtoxnat.log"), encoding: .utf8)
        #expect(log.contains("SCANS/4/DICOM/b.dcm: same SOPInstanceUID (1.4.1)"))
    }

    @Test func sessionResourcesAreCarriedOver() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        var previous = SessionDocument(dataType: .mr, project: "P", label: "S1")
        previous.resources = [SessionDocument.Resource(label: "NOTES", uri: "RESOURCES/NOTES/catalog.xml")]
        try previous.xmlData().write(to: fixture.document)
        try fixture.writeInstance("SCANS/4/DICOM/a.dcm", series: "1.4", number: "4", instance: "1.4.1")

        let document = try fixture.build()
        #expect(document.resources == previous.resources)
        #expect(try SessionDocument(xml: Data(contentsOf: fixture.document)).resources == previous.resources)
    }

    @Test func aFailedBuildChangesNothing() throws {
        let fixture = try Fixture()
        defer { try? fixture.directory.remove() }
        try fixture.writeInstance("SCANS/5/DICOM/a.dcm", series: "1.5", number: "5", instance: "1.5.1", study: "1.2.3")
        try fixture.writeInstance("SCANS/5/DICOM/b.dcm", series: "1.6", number: "5", instance: "1.6.1", study: "1.2.4")
        let files = try fixture.snapshot()
        let error = #expect(throws: SessionBuildError.self) { try fixture.build() }
        #expect(error == .multipleStudies(["1.2.3", "1.2.4"]))
        #expect(try fixture.snapshot() == files)
        #expect(!FileManager.default.fileExists(atPath: fixture.document.path))
    }
}
