import Foundation
import Testing
import XNATImport

@Suite struct SessionDocumentParsingTests {
    /// A document as XNAT writes it when it rewrites a session (flat indentation), with elements Sluice does not
    /// model: sharing, validation, regions, assessors, extra MR parameters, a second prefix for the xnat namespace.
    static let xnatDocument = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xnat:MRSession ID="" UID="1.3.12.2" label="Sample_MR3" project="SampleProjectID" \
        xmlns:xnat="http://nrg.wustl.edu/xnat" xmlns:x="http://nrg.wustl.edu/xnat" xmlns:prov="http://www.nbirn.net/prov" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <xnat:sharing>
        \t<xnat:share label="other" project="OTHER"/>
        </xnat:sharing>
        <xnat:date>2008-06-18</xnat:date>
        <xnat:time>13:37:13</xnat:time>
        <xnat:validation status="ok"><xnat:method>manual</xnat:method></xnat:validation>
        <x:subject_ID>Sample_Patient</x:subject_ID>
        <xnat:regions>
        \t<xnat:region name="r"/>
        </xnat:regions>
        <xnat:scanner manufacturer="SIEMENS" model="TrioTim"/>
        <xnat:scans>
        \t<xnat:scan ID="4" UID="1.3.12.2.1107" type="MPRAGE" xsi:type="x:mrScanData">
        \t\t<xnat:series_description>MPRAGE</xnat:series_description>
        \t\t<xnat:frames> 176 </xnat:frames>
        \t\t<xnat:file URI="SCANS/4/DICOM/scan_4_catalog.xml" content="RAW" format="DICOM" label="DICOM" \
        xsi:type="xnat:resourceCatalog"><xnat:tags><xnat:tag name="t">v</xnat:tag></xnat:tags></xnat:file>
        \t\t<xnat:parameters>
        \t\t\t<xnat:voxelRes units="mm" x="1.0" y="1.0" z="1.0"/>
        \t\t\t<xnat:matrix x="256" y="256"/>
        \t\t\t<xnat:tr>2400.0</xnat:tr>
        \t\t\t<xnat:diffusion><xnat:bMax>0</xnat:bMax></xnat:diffusion>
        \t\t</xnat:parameters>
        \t</xnat:scan>
        \t<xnat:scan ID="5"><xnat:quality>unusable</xnat:quality></xnat:scan>
        </xnat:scans>
        <xnat:assessors>
        \t<xnat:assessor ID="A1" xsi:type="xnat:qcAssessmentData"/>
        </xnat:assessors>
        <xnat:dcmPatientName>Sample Patient</xnat:dcmPatientName>
        <prov:process/>
        </xnat:MRSession>
        """

    @Test func readsAnXNATDocumentAndSkipsWhatItDoesNotModel() throws {
        let session = try SessionDocument(xml: Self.xnatDocument)
        #expect(session.dataType == .mr)
        #expect(session.id == nil)
        #expect(session.project == "SampleProjectID")
        #expect(session.label == "Sample_MR3")
        #expect(session.uid == "1.3.12.2")
        #expect(session.date == "2008-06-18")
        #expect(session.time == "13:37:13")
        #expect(session.subjectID == "Sample_Patient")
        #expect(session.scanner == SessionDocument.Scanner(manufacturer: "SIEMENS", model: "TrioTim"))
        #expect(session.dicomPatientName == "Sample Patient")
        #expect(session.scans.count == 2)
        let scan = session.scans[0]
        #expect(scan.id == "4")
        #expect(scan.dataType == .mr)
        #expect(scan.type == "MPRAGE")
        #expect(scan.frames == 176)
        #expect(
            scan.resources == [
                SessionDocument.Resource(
                    label: "DICOM",
                    uri: "SCANS/4/DICOM/scan_4_catalog.xml",
                    format: "DICOM",
                    content: "RAW"
                )
            ]
        )
        #expect(scan.parameters?.voxelResolution == VoxelResolution(x: "1.0", y: "1.0", z: "1.0", units: "mm"))
        #expect(scan.parameters?.repetitionTime == "2400.0")
        #expect(session.scans[1].dataType == .imageScan)
        #expect(session.scans[1].quality == "unusable")
    }

    @Test func readsADocumentWithADefaultNamespaceAndOtherPrefixes() throws {
        let xml = """
            <PETSession xmlns="http://nrg.wustl.edu/xnat" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" \
            ID="XNAT_E1" label="PET1"><subject_ID>S1</subject_ID><scans><scan ID="1" i:type="petScanData"/></scans>\
            <tracer name="PIB"/></PETSession>
            """
        let session = try SessionDocument(xml: xml)
        #expect(session.dataType == .pet)
        #expect(session.id == "XNAT_E1")
        #expect(session.subjectID == "S1")
        #expect(session.scans.map(\.dataType) == [.pet])
        #expect(session.tracerName == "PIB")
    }

    @Test(arguments: [
        ("<cat:Catalog xmlns:cat=\"http://nrg.wustl.edu/catalog\"/>", "Catalog"),
        ("<xnat:Subject xmlns:xnat=\"http://nrg.wustl.edu/xnat\" ID=\"S\"/>", "Subject"),
        ("<MRSession/>", "MRSession"),
        ("<xnat:MRSession xmlns:xnat=\"http://example.org/not-xnat\"/>", "MRSession"),
    ])
    func refusesOtherRootElements(xml: String, name: String) {
        let error = #expect(throws: XMLDocumentError.self) { try SessionDocument(xml: xml) }
        guard case .unexpectedRoot(_, let root)? = error?.kind else {
            Issue.record("expected unexpectedRoot, got \(String(describing: error))")
            return
        }
        #expect(root == name)
    }

    @Test func refusesUnknownScanAndResourceTypes() {
        let unknownScan = Self.session(scans: #"<xnat:scan ID="1" xsi:type="xnat:holoScanData"/>"#)
        #expect(throws: XMLDocumentError(.unsupportedType(element: "scan", type: "xnat:holoScanData"))) {
            try SessionDocument(xml: unknownScan)
        }
        let unknownResource = Self.session(
            scans: #"<xnat:scan ID="1"><xnat:file URI="a" xsi:type="xnat:resourceSeries"/></xnat:scan>"#
        )
        #expect(throws: XMLDocumentError(.unsupportedType(element: "file", type: "xnat:resourceSeries"))) {
            try SessionDocument(xml: unknownResource)
        }
    }

    @Test func refusesMissingRequiredAttributesAndBadNumbers() {
        #expect(throws: XMLDocumentError(.missingAttribute(element: "scan", attribute: "ID"))) {
            try SessionDocument(xml: Self.session(scans: "<xnat:scan/>"))
        }
        #expect(throws: XMLDocumentError(.invalidValue(element: "scan/frames", value: "many"))) {
            try SessionDocument(
                xml: Self.session(scans: #"<xnat:scan ID="1"><xnat:frames>many</xnat:frames></xnat:scan>"#)
            )
        }
        let badCount =
            #"<xnat:scan ID="1"><xnat:file URI="u" file_count="1.5" xsi:type="xnat:resourceCatalog"/></xnat:scan>"#
        #expect(throws: XMLDocumentError(.invalidValue(element: "file/@file_count", value: "1.5"))) {
            try SessionDocument(xml: Self.session(scans: badCount))
        }
    }

    @Test func reportsWhereMalformedXMLStops() {
        let xml = "<xnat:MRSession xmlns:xnat=\"http://nrg.wustl.edu/xnat\">\n<xnat:date>\n</xnat:MRSession>"
        let error = #expect(throws: XMLDocumentError.self) { try SessionDocument(xml: xml) }
        guard case .malformed? = error?.kind else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(error?.line == 3)
        #expect(throws: XMLDocumentError.self) { try SessionDocument(xml: "") }
        #expect(throws: XMLDocumentError.self) { try SessionDocument(xml: "<xnat:MRSession") }
    }

    /// An MR session document whose `scans` element holds `scans`.
    static func session(scans: String) -> String {
        """
        <xnat:MRSession ID="" xmlns:xnat="http://nrg.wustl.edu/xnat" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><xnat:scans>\(scans)</xnat:scans></xnat:MRSession>
        """
    }
}
