import Foundation
import Testing
import XNATImport

@Suite struct PrearchiveSessionTests {
    static let timestamp = PrearchiveTimestamp(rawValue: "20261201_075724968")!

    @Test func urlsNameTheProjectOrUnassigned() throws {
        let assigned = try PrearchiveSessionKey(
            project: "TESTPROJ",
            timestamp: Self.timestamp,
            folderName: "SUBJ01_MR1"
        )
        #expect(assigned.url == "/prearchive/projects/TESTPROJ/20261201_075724968/SUBJ01_MR1")
        #expect(assigned.projectName == "TESTPROJ")
        #expect(assigned.description == assigned.url)
        let unassigned = try PrearchiveSessionKey(project: nil, timestamp: Self.timestamp, folderName: "S")
        #expect(unassigned.url == "/prearchive/projects/Unassigned/20261201_075724968/S")
        #expect(unassigned.projectName == "Unassigned")
    }

    @Test func keysReadBackFromURLs() throws {
        let key = try PrearchiveSessionKey(project: "TESTPROJ", timestamp: Self.timestamp, folderName: "SUBJ01_MR1")
        for url in [
            "/prearchive/projects/TESTPROJ/20261201_075724968/SUBJ01_MR1",
            "/data/prearchive/projects/TESTPROJ/20261201_075724968/SUBJ01_MR1",
            "/REST/prearchive/projects/TESTPROJ/20261201_075724968/SUBJ01_MR1",
        ] {
            #expect(PrearchiveSessionKey(url: url) == key)
        }
        #expect(PrearchiveSessionKey(url: "/prearchive/projects/Unassigned/20000101_100001/S")?.project == nil)
        for url in [
            "prearchive/projects/P/20261201_075724968/S", "/prearchive/projects/P/20261201_075724968",
            "/prearchive/projects/P/20261201_075724968/S/scans", "/prearchive/projects/P/2026-12-01/S",
            "/prearchive/projects/P/20261201_075724968/..", "/prearchive/projects//20261201_075724968/S",
            "/archive/projects/P/20261201_075724968/S", "/data/data/prearchive/projects/P/20261201_075724968/S",
        ] {
            #expect(PrearchiveSessionKey(url: url) == nil, "\(url)")
        }
    }

    @Test func autoArchiveCodesHaveXNATsNamesAndNumbers() {
        #expect(PrearchiveCode.allCases.map(\.rawValue) == ["Manual", "AutoArchive", "AutoArchiveOverwrite"])
        #expect(PrearchiveCode.allCases.map(\.number) == [0, 4, 5])
        #expect(PrearchiveCode(number: 4) == .autoArchive)
        #expect(PrearchiveCode(number: 1) == nil)
        #expect(PrearchiveCode(rawValue: "AutoArchive") == .autoArchive)
        #expect(!PrearchiveCode.manual.archivesAutomatically)
        #expect(PrearchiveCode.autoArchiveOverwrite.archivesAutomatically)
    }

    @Test func rowsExposeTheirKeyAsColumns() throws {
        let key = try PrearchiveSessionKey(project: nil, timestamp: Self.timestamp, folderName: "SUBJ01_MR1")
        let modified = Date(timeIntervalSince1970: 1_800_000_000)
        var row = PrearchiveSession(key: key, name: "SUBJ01_MR1", status: .receiving, lastModified: modified)
        #expect(row.project == nil)
        #expect(row.projectName == "Unassigned")
        #expect(row.timestamp == Self.timestamp)
        #expect(row.folderName == "SUBJ01_MR1")
        #expect(row.url == "/prearchive/projects/Unassigned/20261201_075724968/SUBJ01_MR1")
        #expect(row.status.rawValue == "RECEIVING")
        #expect(row.autoArchive == nil)
        #expect(!row.preventAnonymization && !row.preventAutoCommit)
        #expect(row.uploaded == nil && row.tag == nil && row.subject == nil && row.scanDate == nil)
        row.autoArchive = .autoArchiveOverwrite
        row.source = "uploader"
        row.timeZone = "America/Chicago"
        row.status = .ready
        #expect(row.autoArchive?.rawValue == "AutoArchiveOverwrite")
        #expect(row.lastModified == modified)
    }
}
