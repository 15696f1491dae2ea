import Foundation
import Testing
import XNATImport

/// The root elements of stand-alone scan documents (scan XARs), named like their session types.
@Suite struct ScanElementNameTests {
    @Test func scanTypesHaveTheRootElementsXNATWrites() {
        #expect(ImageScanDataType.mr.elementName == "MRScan")
        #expect(ImageScanDataType.pet.elementName == "PETScan")
        #expect(ImageScanDataType.otherDICOM.elementName == "OtherDicomScan")
        #expect(ImageScanDataType.sc.elementName == "SCScan")
        #expect(ImageScanDataType(elementName: "CTScan") == .ct)
        #expect(ImageScanDataType(elementName: "MRSession") == nil)
        #expect(Set(ImageScanDataType.allCases.map(\.elementName)).count == ImageScanDataType.allCases.count)
    }

    @Test func aStandAloneScanDocumentIsRead() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xnat:MRScan ID="9" type="T1" xmlns:xnat="http://nrg.wustl.edu/xnat">
              <xnat:image_session_ID>SLUICE_E00001</xnat:image_session_ID>
            </xnat:MRScan>
            """
        let scan = try SessionDocument.Scan(standaloneXML: Data(xml.utf8))
        #expect(scan.id == "9")
        #expect(scan.dataType == .mr)
        #expect(scan.imageSessionID == "SLUICE_E00001")
        #expect(throws: XMLDocumentError.self) { try SessionDocument.Scan(standaloneXML: Data("<x/>".utf8)) }
    }
}
