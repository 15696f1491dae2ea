import Foundation
import TestSupport
import Testing
import XNATImport

/// `sluice verify`'s checks (`DataFolderVerifier`): a clean data folder passes, and each kind of damage is reported
/// as one finding naming the path.
@Suite struct VerificationTests {
    @Test func aCleanDataFolderPasses() throws {
        let fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        let report = fixture.verify()
        #expect(report.findings == [])
        #expect(report.prearchiveSessions == 1)
        #expect(report.archivedSessions == 1)
        #expect(report.filesHashed == 24)
    }

    @Test func aFlippedBitIsFoundInEachOfTwentyRandomFiles() throws {
        let fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        var random = SeededRandom(seed: 20_240_305)
        let files = fixture.dataFiles
        #expect(files.count == 24)
        var found = 0
        for file in files.shuffled(using: &random).prefix(20) {
            let original = try Data(contentsOf: file)
            var damaged = original
            let bit = Int.random(in: 0..<(damaged.count * 8), using: &random)
            damaged[bit / 8] ^= UInt8(1 << (bit % 8))
            try damaged.write(to: file)
            let report = fixture.verify()
            if report.findings.map(\.kind) == [.digestMismatch], report.findings.first?.path == fixture.relative(file) {
                found += 1
            }
            try original.write(to: file)
        }
        #expect(found == 20)
        #expect(fixture.verify().isClean)
    }

    @Test func aMissingFileIsReported() throws {
        let fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        let file = fixture.archiveFolder.appendingPathComponent("SCANS/2/DICOM/3.dcm")
        try FileManager.default.removeItem(at: file)
        let findings = fixture.verify().findings
        #expect(
            findings == [
                VerificationFinding(
                    .missingFile,
                    path: fixture.relative(file),
                    "listed in scan_2_catalog.xml but not on disk"
                )
            ]
        )
    }

    @Test func anExtraFileIsReported() throws {
        let fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        let extra = fixture.prearchiveFolder.appendingPathComponent("SCANS/1/DICOM/extra.dcm")
        try Data("not listed".utf8).write(to: extra)
        let findings = fixture.verify().findings
        #expect(findings.map(\.kind) == [.unreferencedFile])
        #expect(findings.first?.path == fixture.relative(extra))
    }

    @Test func aRowWithoutItsFolderIsReported() throws {
        var fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        try FileManager.default.removeItem(at: fixture.archiveFolder)
        let key = try PrearchiveSessionKey(project: "P", timestamp: fixture.prearchiveKey.timestamp, folderName: "GONE")
        fixture.records.prearchiveSessions.append(
            PrearchiveSession(key: key, name: "GONE", status: .receiving, lastModified: Date())
        )
        let findings = fixture.verify().findings
        #expect(findings.map(\.kind) == [.missingFolder, .missingFolder])
        #expect(findings.map(\.path) == ["archive/P/arc001/S2", "prearchive/P/20240101_120000123/GONE"])
    }

    @Test func aFolderWithoutItsRowIsReported() throws {
        var fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        fixture.records.prearchiveSessions = []
        fixture.records.experiments = []
        let findings = fixture.verify().findings
        #expect(findings.map(\.kind) == [.unrecordedFolder, .unrecordedFolder])
    }

    @Test func leftoversOfInterruptedWorkAreReported() throws {
        let fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        let paths = [
            "staging/.upload-1234",
            "archive/.journal/ABCD.json",
            "archive/P/arc001/.staging-S2-ABCD/S2.xml",
            "prearchive/P/20240101_120000123/S1/SCANS/1/DICOM/.sluice-tmp-ABCD",
            "cache/USERS/admin/R/.sluice-tmp-EF01",
        ]
        for path in paths {
            let url = fixture.layout.root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data("x".utf8).write(to: url)
        }
        let findings = fixture.verify().findings
        #expect(findings.allSatisfy { $0.kind == .leftover })
        #expect(
            Set(findings.map(\.path)) == [
                "staging/.upload-1234",
                "archive/.journal/ABCD.json",
                "archive/P/arc001/.staging-S2-ABCD",
                "prearchive/P/20240101_120000123/S1/SCANS/1/DICOM/.sluice-tmp-ABCD",
                "cache/USERS/admin/R/.sluice-tmp-EF01",
            ]
        )
    }

    @Test func anUnreadableCatalogIsReported() throws {
        let fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        let catalog = fixture.archiveFolder.appendingPathComponent("SCANS/1/DICOM/scan_1_catalog.xml")
        try Data("<cat:DCMCatalog".utf8).write(to: catalog)
        let findings = fixture.verify().findings
        // The catalog's files are then listed nowhere.
        #expect(findings.filter { $0.kind == .catalog }.map(\.path) == [fixture.relative(catalog)])
        #expect(findings.filter { $0.kind == .unreferencedFile }.count == 12)
    }

    @Test func aSessionInBothThePrearchiveAndTheArchiveIsReported() throws {
        let fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        // An archive that linked the prearchive files and stopped before removing the prearchive session.
        let archived = fixture.archiveFolder.appendingPathComponent("SCANS/1/DICOM/1.dcm")
        let prearchived = fixture.prearchiveFolder.appendingPathComponent("SCANS/1/DICOM/1.dcm")
        try FileManager.default.removeItem(at: archived)
        try FileManager.default.linkItem(at: prearchived, to: archived)
        let findings = fixture.verify().findings
        #expect(findings.contains { $0.kind == .inBothAreas && $0.path == fixture.relative(fixture.prearchiveFolder) })
    }

    @Test func aDocumentNamingAnotherExperimentAndDatabaseProblemsAreReported() throws {
        var fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        fixture.records.experiments[0].id = "SLUICE_E00009"
        fixture.records.databaseProblems = ["row 3 of experiments refers to a missing row of subjects"]
        let findings = fixture.verify().findings
        #expect(findings.map(\.kind) == [.document, .database])
        #expect(findings.first?.detail.contains("ID SLUICE_E00001 (database: SLUICE_E00009)") == true)
    }

    @Test func receivingSessionsMayHoldFilesTheirCatalogsDoNotListYet() throws {
        var fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        fixture.records.prearchiveSessions[0].status = .receiving
        try Data("new".utf8).write(to: fixture.prearchiveFolder.appendingPathComponent("SCANS/1/DICOM/5.dcm"))
        #expect(fixture.verify().isClean)
    }
}

/// SplitMix64: the same sequence on every run, so the picked files and bits are reproducible.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
