import Foundation
import Testing
import XNATImport

@Suite struct PrearchiveLayoutTests {
    static let layout = PrearchiveLayout(root: URL(fileURLWithPath: "/data/prearchive"))
    static let timestamp = PrearchiveTimestamp(rawValue: "20240102_093000123")!

    static func key(_ project: String?, _ folder: String = "SUBJ01_MR1") throws -> PrearchiveSessionKey {
        try PrearchiveSessionKey(project: project, timestamp: timestamp, folderName: folder)
    }

    @Test func assignedSessionsLiveUnderTheirProjectWithTheDocumentBesideTheFolder() throws {
        let key = try Self.key("TESTPROJ")
        let layout = Self.layout
        #expect(try layout.projectFolder("TESTPROJ").path == "/data/prearchive/TESTPROJ")
        #expect(layout.timestampFolder(of: key).path == "/data/prearchive/TESTPROJ/20240102_093000123")
        #expect(layout.sessionFolder(of: key).path == "/data/prearchive/TESTPROJ/20240102_093000123/SUBJ01_MR1")
        #expect(layout.sessionDocument(of: key).path == "/data/prearchive/TESTPROJ/20240102_093000123/SUBJ01_MR1.xml")
        let session = "/data/prearchive/TESTPROJ/20240102_093000123/SUBJ01_MR1"
        #expect(try layout.scanFolder(of: key, scanID: "4").path == session + "/SCANS/4")
        #expect(try layout.resourceFolder(of: key, scanID: "4", label: .primary).path == session + "/SCANS/4/DICOM")
        #expect(
            try layout.resourceFolder(of: key, scanID: "4", label: .secondary).path == session + "/SCANS/4/secondary"
        )
        #expect(
            try layout.catalogFile(of: key, scanID: "4", label: .primary).path
                == session + "/SCANS/4/DICOM/scan_4_catalog.xml"
        )
        #expect(
            try layout.catalogFile(of: key, scanID: "5-MR1", label: .secondary).path
                == session + "/SCANS/5-MR1/secondary/scan_5-MR1_secondary_catalog.xml"
        )
        #expect(layout.logsFolder(of: key).path == session + "/logs")
        #expect(
            layout.logFile(of: key, epochMilliseconds: 1_704_187_800_123).path
                == session + "/logs/1704187800123.log"
        )
        #expect(layout.builderLog(of: key).path == session + "/dcmtoxnat.log")
    }

    @Test func unassignedSessionsLiveDirectlyUnderTheRoot() throws {
        let key = try Self.key(nil)
        #expect(try Self.layout.projectFolder(nil).path == "/data/prearchive")
        #expect(try Self.layout.projectFolder("Unassigned").path == "/data/prearchive")
        #expect(Self.layout.sessionFolder(of: key).path == "/data/prearchive/20240102_093000123/SUBJ01_MR1")
        #expect(Self.layout.sessionDocument(of: key).path == "/data/prearchive/20240102_093000123/SUBJ01_MR1.xml")
        #expect(try Self.key("Unassigned") == key)
    }

    @Test func catalogNamesAndRelativePathsFollowXNAT() throws {
        #expect(try PrearchiveLayout.catalogFileName(scanID: "4", label: .primary) == "scan_4_catalog.xml")
        #expect(try PrearchiveLayout.catalogFileName(scanID: "4", label: .secondary) == "scan_4_secondary_catalog.xml")
        #expect(
            try PrearchiveLayout.relativeCatalogPath(scanID: "4", label: .primary) == "SCANS/4/DICOM/scan_4_catalog.xml"
        )
        #expect(
            try PrearchiveLayout.relativeCatalogPath(scanID: "1-OT1", label: .secondary)
                == "SCANS/1-OT1/secondary/scan_1-OT1_secondary_catalog.xml"
        )
    }

    static let unsafeNames = [
        "", ".", "..", "a/b", "/etc", "../../etc", "..\\..\\x", "a\\b", "a\u{0}b", "line\nbreak", "tab\there",
        "del\u{7F}", String(repeating: "x", count: 256), String(repeating: "é", count: 128),
    ]

    @Test(arguments: unsafeNames)
    func unsafeNamesAreRefusedEverywhere(name: String) {
        #expect(throws: PrearchivePathError(role: .project, name: name)) {
            try PrearchiveSessionKey(project: name, timestamp: Self.timestamp, folderName: "F")
        }
        #expect(throws: PrearchivePathError(role: .folder, name: name)) {
            try PrearchiveSessionKey(project: "P", timestamp: Self.timestamp, folderName: name)
        }
        #expect(throws: PrearchivePathError(role: .project, name: name)) { try Self.layout.projectFolder(name) }
        #expect(throws: PrearchivePathError(role: .scan, name: name)) {
            try Self.layout.scanFolder(of: Self.key("P"), scanID: name)
        }
        #expect(throws: PrearchivePathError(role: .scan, name: name)) {
            try PrearchiveLayout.relativeCatalogPath(scanID: name, label: .primary)
        }
    }

    @Test(arguments: [
        "SUBJ01_MR1", "Sample ID", "a.b", "...", "-x", "Zoë", "x\u{85}y", String(repeating: "x", count: 255),
    ])
    func safeNamesStayInsideTheRoot(name: String) throws {
        let key = try PrearchiveSessionKey(project: name, timestamp: Self.timestamp, folderName: name)
        let paths = [
            Self.layout.sessionFolder(of: key), Self.layout.sessionDocument(of: key),
            try Self.layout.catalogFile(of: key, scanID: name, label: .secondary),
            Self.layout.logFile(of: key, epochMilliseconds: 0),
        ]
        for path in paths {
            #expect(Self.layout.contains(path))
            #expect(path.path.hasPrefix("/data/prearchive/\(name)/20240102_093000123/"))
        }
        #expect(Self.layout.key(ofSessionFolder: Self.layout.sessionFolder(of: key)) == key)
    }

    @Test func containsComparesWholeComponentsAfterStandardising() {
        let layout = Self.layout
        #expect(layout.contains(URL(fileURLWithPath: "/data/prearchive")))
        #expect(layout.contains(URL(fileURLWithPath: "/data/prearchive/P/x/../y")))
        #expect(!layout.contains(URL(fileURLWithPath: "/data/prearchive/../archive/P")))
        #expect(!layout.contains(URL(fileURLWithPath: "/data/prearchive-old/P")))
        #expect(!layout.contains(URL(fileURLWithPath: "/data")))
    }

    @Test func sessionFoldersMapBackToTheirKeys() throws {
        let layout = Self.layout
        #expect(
            layout.key(ofSessionFolder: URL(fileURLWithPath: "/data/prearchive/P/20240102_093000123/S"))
                == (try Self.key("P", "S"))
        )
        #expect(
            layout.key(ofSessionFolder: URL(fileURLWithPath: "/data/prearchive/20240102_093000/S"))
                == (try PrearchiveSessionKey(
                    project: nil,
                    timestamp: PrearchiveTimestamp(rawValue: "20240102_093000")!,
                    folderName: "S"
                ))
        )
        for path in [
            "/data/prearchive/P", "/data/prearchive/P/notatimestamp/S", "/data/prearchive/P/20240102_093000123/S/SCANS",
            "/data/archive/P/20240102_093000123/S", "/data/prearchive/P/20240102_093000123/..",
        ] {
            #expect(layout.key(ofSessionFolder: URL(fileURLWithPath: path)) == nil, "\(path)")
        }
    }

    @Test func theDataDirectoryLayoutGivesThePrearchiveRoot() {
        let folders = DataFolderLayout(root: URL(fileURLWithPath: "/srv/sluice"))
        #expect(PrearchiveLayout(dataFolders: folders).root.path == "/srv/sluice/prearchive")
        #expect(
            PrearchiveLayout(root: URL(fileURLWithPath: "/srv/./sluice/x/../prearchive")).root.path
                == "/srv/sluice/prearchive"
        )
    }
}
