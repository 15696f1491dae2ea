import Foundation
import TestSupport
import Testing
import XNATImport

/// Startup recovery's file part (`DataFolderRecovery.removeTemporaryFiles`): staging and Sluice's temporary names
/// go, data stays.
@Suite struct VerificationRecoveryTests {
    @Test func temporaryFilesAndStagingAreRemovedAndDataIsKept() throws {
        let fixture = try VerificationFixture()
        defer { try? fixture.directory.remove() }
        let leftovers = [
            "staging/.upload-1234",
            "staging/.unpacked-ABCD/a/b.dcm",
            "prearchive/P/20240101_120000123/S1/SCANS/1/DICOM/.sluice-tmp-ABCD",
            "archive/P/arc001/S2/SCANS/1/DICOM/.sluice-unpacking-EF/x",
        ]
        for path in leftovers {
            let url = fixture.layout.root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data("x".utf8).write(to: url)
        }
        #expect(fixture.verify().findings(.leftover).count == 4)
        #expect(DataFolderRecovery.removeTemporaryFiles(in: fixture.layout) == 4)
        #expect(fixture.verify().isClean)
        #expect(fixture.dataFiles.count == 24)
    }
}
