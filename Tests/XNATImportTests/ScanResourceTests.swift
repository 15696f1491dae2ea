import Testing
import XNATImport

@Suite struct ScanResourceTests {
    @Test(arguments: [
        (RoutingFixtures.mrImageStorage, ScanResource.primary),
        (RoutingFixtures.ctImageStorage, .primary),
        ("1.2.840.10008.5.1.4.1.1.4.3", .primary),  // Enhanced MR Color, missing upstream
        (RoutingFixtures.secondaryCaptureStorage, .secondary),
        (RoutingFixtures.rtStructureSetStorage, .secondary),
        ("1.2.840.10008.5.1.4.1.1.11.1", .secondary),  // Grayscale Softcopy Presentation State
        ("1.3.12.2.1107.5.9.1", .secondary),  // private
        ("1.2.840.10008.5.1.4.1.1.88.11", .primary),  // Basic Text SR is on upstream's list
    ])
    func classifies(sopClassUID: String, expected: ScanResource) {
        #expect(ScanResource.classify(sopClassUID: sopClassUID) == expected)
    }

    @Test func everythingIsPrimaryWithoutSeparation() {
        #expect(
            ScanResource.classify(sopClassUID: RoutingFixtures.secondaryCaptureStorage, separatingSecondary: false)
                == .primary
        )
        #expect(ScanResource.classify(sopClassUID: nil) == .secondary)
    }

    @Test func attributesAndPaths() {
        #expect(ScanResource.primary.rawValue == "DICOM")
        #expect(ScanResource.primary.content.rawValue == "RAW")
        #expect(ScanResource.secondary.content.rawValue == "secondary")
        #expect(ScanResource.secondary.format.rawValue == "DICOM")
        #expect(ScanResource.primary.directory(scanID: "4") == "SCANS/4/DICOM")
        #expect(ScanResource.secondary.directory(scanID: "4") == "SCANS/4/secondary")
        #expect(ScanResource.primary.catalogFileName(scanID: "4") == "scan_4_catalog.xml")
        #expect(ScanResource.secondary.catalogFileName(scanID: "1-MR1") == "scan_1-MR1_secondary_catalog.xml")
    }
}
