import Testing
import XNATImport

private typealias Fixtures = RoutingFixtures

@Suite struct ScanKindTests {
    /// dicom-xnat `SOPModelTest` and rest-tests `TestDicomModalityAssignment`.
    @Test(arguments: [
        ([Fixtures.mrImageStorage], ScanKind.mr),
        ([Fixtures.enhancedMRImageStorage], .mr),
        ([Fixtures.petImageStorage], .pet),
        ([Fixtures.ctImageStorage, Fixtures.secondaryCaptureStorage], .ct),
        ([Fixtures.petImageStorage, Fixtures.ctImageStorage], .pet),
        ([Fixtures.secondaryCaptureStorage], .sc),
        ([Fixtures.rtStructureSetStorage], .rtImage),
        ([Fixtures.xa3DImageStorage], .xa),
        (["1.2.840.10008.5.1.4.1.1.66.4"], .seg),
        (["1.2.840.10008.5.1.4.1.1.88.22"], .sr),
        (["1.3.12.2.1107.5.9.1"], .otherDicom),
        ([Fixtures.rawDataStorage, Fixtures.mrImageStorage], .mr),
        (["1.2.3.4.5"], .otherDicom),
        ([], .otherDicom),
    ])
    func classifies(sopClassUIDs: [String], expected: ScanKind) {
        #expect(ScanKind.classify(sopClassUIDs: Set(sopClassUIDs)) == expected)
    }

    @Test(arguments: [
        (ScanKind.mr, "MR"), (.pet, "PT"), (.ct, "CT"), (.otherDicom, "OT"), (.seg, "SE"), (.sc, "SC"),
        (.rtImage, "RT"),
    ])
    func correctionCodes(kind: ScanKind, code: String) {
        #expect(kind.correctionCode == code)
    }

    @Test func correctionCodeOfForeignTypesIsEmpty() {
        #expect(ScanKind.correctionCode(xsiType: "custom:fooScanData") == "")
        #expect(ScanKind.correctionCode(xsiType: "xnat:petScanData") == "PT")
    }
}
