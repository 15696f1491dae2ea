import Foundation
import Testing
import XNATImport

@Suite struct SessionDocumentTests {
    /// The namespace declarations XNAT 1.8's beans put on every root element, in the order they sort to.
    static let namespaces = [
        #"xmlns:arc="http://nrg.wustl.edu/arc""#, #"xmlns:cat="http://nrg.wustl.edu/catalog""#,
        #"xmlns:pipe="http://nrg.wustl.edu/pipe""#, #"xmlns:prov="http://www.nbirn.net/prov""#,
        #"xmlns:scr="http://nrg.wustl.edu/scr""#, #"xmlns:val="http://nrg.wustl.edu/val""#,
        #"xmlns:wrk="http://nrg.wustl.edu/workflow""#, #"xmlns:xdat="http://nrg.wustl.edu/security""#,
        #"xmlns:xnat="http://nrg.wustl.edu/xnat""#, #"xmlns:xnat_a="http://nrg.wustl.edu/xnat_assessments""#,
        #"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#,
    ].joined(separator: " ")

    /// A small prearchive MR session: one T1 scan with its DICOM catalog.
    static func smallMRSession() -> SessionDocument {
        var session = SessionDocument(
            dataType: .mr,
            project: "TESTPROJ",
            label: "SUBJ01_MR1",
            subjectID: "SUBJ01",
            uid: "1.2.3.4"
        )
        session.date = "2024-01-02"
        session.time = "09:30:00"
        session.sessionType = "Brain^Routine"
        session.modality = "MR"
        session.acquisitionSite = "Clinic & Lab"
        session.fields = [SessionDocument.Field(name: "studyComments", value: "Project: TESTPROJ")]
        session.scanner = SessionDocument.Scanner(name: "MRC1", manufacturer: "SIEMENS", model: "Prisma")
        session.prearchivePath = "/data/prearchive/TESTPROJ/20240102_093000123/SUBJ01_MR1"
        session.dicomPatientID = "SUBJ01"
        session.dicomPatientName = "Doe^Jane"
        session.fieldStrength = "3.0"
        var scan = SessionDocument.Scan(id: "4", dataType: .mr, uid: "1.2.3.4.5", seriesDescription: "t1_mprage")
        scan.type = "t1_mprage"
        scan.quality = "usable"
        scan.scanner = SessionDocument.Scanner(
            name: "MRC1",
            manufacturer: "SIEMENS",
            model: "Prisma",
            softwareVersion: "syngo MR XA30"
        )
        scan.modality = "MR"
        scan.frames = 176
        scan.resources = [
            .dicomCatalog(.primary, uri: "SCANS/4/DICOM/scan_4_catalog.xml", fileCount: 176, fileSize: 33_554_432)
        ]
        scan.startTime = "09:31:02"
        scan.fieldStrength = "3.0"
        var parameters = SessionDocument.MRParameters()
        parameters.voxelResolution = VoxelResolution(x: "1.0", y: "1.0", z: "1.0", units: "mm")
        parameters.orientation = "Sag"
        parameters.repetitionTime = "2300.0"
        parameters.echoTime = "2.98"
        scan.parameters = parameters
        session.scans = [scan]
        return session
    }

    @Test func writesASmallMRSessionTheWayXNATDoes() {
        // Shape of XNAT's generated beans (XnatImagesessiondataBean.toXML): declaration, root attributes sorted
        // with the namespace declarations (TreeMap order), ID="" while in the prearchive, one element per line
        // indented by tabs, xsi:type after the other attributes, no newline after the root.
        let expected = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<xnat:MRSession ID="" UID="1.2.3.4" label="SUBJ01_MR1" modality="MR" project="TESTPROJ" "#
                + #"session_type="Brain^Routine" "# + Self.namespaces + ">",
            #"\#t<xnat:date>2024-01-02</xnat:date>"#,
            #"\#t<xnat:time>09:30:00</xnat:time>"#,
            #"\#t<xnat:fields>"#,
            #"\#t\#t<xnat:field name="studyComments">Project: TESTPROJ</xnat:field>"#,
            #"\#t</xnat:fields>"#,
            #"\#t<xnat:acquisition_site>Clinic &amp; Lab</xnat:acquisition_site>"#,
            #"\#t<xnat:subject_ID>SUBJ01</xnat:subject_ID>"#,
            #"\#t<xnat:scanner manufacturer="SIEMENS" model="Prisma">MRC1</xnat:scanner>"#,
            #"\#t<xnat:prearchivePath>/data/prearchive/TESTPROJ/20240102_093000123/SUBJ01_MR1</xnat:prearchivePath>"#,
            #"\#t<xnat:scans>"#,
            #"\#t\#t<xnat:scan ID="4" UID="1.2.3.4.5" type="t1_mprage" xsi:type="xnat:mrScanData">"#,
            #"\#t\#t\#t<xnat:quality>usable</xnat:quality>"#,
            #"\#t\#t\#t<xnat:series_description>t1_mprage</xnat:series_description>"#,
            #"\#t\#t\#t<xnat:scanner manufacturer="SIEMENS" model="Prisma" softwareVersion="syngo MR XA30">"#
                + "MRC1</xnat:scanner>",
            #"\#t\#t\#t<xnat:modality>MR</xnat:modality>"#,
            #"\#t\#t\#t<xnat:frames>176</xnat:frames>"#,
            #"\#t\#t\#t<xnat:file URI="SCANS/4/DICOM/scan_4_catalog.xml" content="RAW" file_count="176" "#
                + #"file_size="33554432" format="DICOM" label="DICOM" xsi:type="xnat:resourceCatalog"/>"#,
            #"\#t\#t\#t<xnat:startTime>09:31:02</xnat:startTime>"#,
            #"\#t\#t\#t<xnat:fieldStrength>3.0</xnat:fieldStrength>"#,
            #"\#t\#t\#t<xnat:parameters>"#,
            #"\#t\#t\#t\#t<xnat:voxelRes units="mm" x="1.0" y="1.0" z="1.0"/>"#,
            #"\#t\#t\#t\#t<xnat:orientation>Sag</xnat:orientation>"#,
            #"\#t\#t\#t\#t<xnat:tr>2300.0</xnat:tr>"#,
            #"\#t\#t\#t\#t<xnat:te>2.98</xnat:te>"#,
            #"\#t\#t\#t</xnat:parameters>"#,
            #"\#t\#t</xnat:scan>"#,
            #"\#t</xnat:scans>"#,
            #"\#t<xnat:dcmPatientId>SUBJ01</xnat:dcmPatientId>"#,
            #"\#t<xnat:dcmPatientName>Doe^Jane</xnat:dcmPatientName>"#,
            #"\#t<xnat:fieldStrength>3.0</xnat:fieldStrength>"#,
            #"</xnat:MRSession>"#,
        ].joined(separator: "\n")
        #expect(Self.smallMRSession().xml() == expected)
        #expect(Self.smallMRSession().xmlData() == Data(expected.utf8))
    }

    @Test func flatIndentationLeavesTheRootsChildrenAtTheMargin() {
        let lines = Self.smallMRSession().xml(indentation: .flat).split(separator: "\n")
        #expect(lines[2] == "<xnat:date>2024-01-02</xnat:date>")
        #expect(lines.contains(#"\#t<xnat:scan ID="4" UID="1.2.3.4.5" type="t1_mprage" xsi:type="xnat:mrScanData">"#))
        #expect(lines.contains("\t\t\t<xnat:tr>2300.0</xnat:tr>"))
        #expect(lines.last == "</xnat:MRSession>")
    }

    @Test func elementsFollowTheSchemaSequence() {
        // XNAT 1.8 xnat.xsd: experimentData (date, time, note, resources, fields, acquisition_site), then
        // subjectAssessorData (subject_ID), imageSessionData (scanner, operator, prearchivePath, scans,
        // dcmAccessionNumber … dcmPatientWeight), petmrSessionData (coil, fieldStrength, …, tracer). The trimmed
        // client-traces/xnat_min.xsd keeps the same relative order for the elements it has.
        let xml = Self.everyField(dataType: .petMR, scanType: .mr).xml()
        #expect(
            Self.elementNames(in: xml, depth: 1) == [
                "date", "time", "note", "resources", "fields", "acquisition_site", "subject_ID", "scanner", "operator",
                "prearchivePath", "scans", "dcmAccessionNumber", "dcmPatientId", "dcmPatientName",
                "dcmPatientBirthDate",
                "dcmPatientWeight", "coil", "fieldStrength", "tracer",
            ]
        )
        // imageScanData, then mrScanData (coil, fieldStrength, …, parameters).
        let scans = xml.components(separatedBy: "<xnat:scans>")[1]
        let firstScan = scans.components(separatedBy: "\t\t</xnat:scan>")[0]
        #expect(
            Self.elementNames(in: firstScan, depth: 3) == [
                "image_session_ID", "note", "quality", "condition", "series_description", "series_class",
                "documentation", "scanner", "modality", "frames", "operator", "file", "file", "startTime", "start_date",
                "requestedProcedureDescription", "protocolName", "bodyPartExamined", "coil", "fieldStrength",
                "parameters",
            ]
        )
        // mrScanData/parameters: voxelRes, orientation, fov, tr, te, ti, flip, sequence, imageType, scanSequence,
        // seqVariant, scanOptions, acqType, pixelBandwidth.
        #expect(
            Self.elementNames(in: firstScan, depth: 4) == [
                "voxelRes", "orientation", "fov", "tr", "te", "ti", "flip", "sequence", "imageType", "scanSequence",
                "seqVariant", "scanOptions", "acqType", "pixelBandwidth",
            ]
        )
        #expect(xml.contains(#"<xnat:MRSession"#) == false)
        #expect(
            xml.contains(
                #"<xnat:PETMRSession ID="XNAT_E00009" UID="1.2" label="L" modality="PT" project="P" protocol="PROTO" "#
                    + #"session_type="Study description" study_id="42" visit="visit 1" visit_id="V1" xmlns:arc="#
            )
        )
        #expect(
            xml.contains(
                #"<xnat:resource URI="RESOURCES/QC/report.pdf" description="quality report" format="PDF" label="QC" "#
                    + #"xsi:type="xnat:resource">"#
            )
        )
        #expect(xml.contains(#"<xnat:fov x="256" y="240"/>"#))
    }

    /// The local names of the `xnat:` start tags indented by exactly `depth` tabs, in document order.
    static func elementNames(in xml: String, depth: Int) -> [String] {
        let prefix = String(repeating: "\t", count: depth) + "<xnat:"
        return xml.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(prefix) else { return nil }
            return String(line.dropFirst(prefix.count).prefix { $0 != " " && $0 != ">" && $0 != "/" })
        }
    }

    @Test func roundTripsEveryModelledField() throws {
        let session = Self.everyField(dataType: .petMR, scanType: .mr)
        #expect(try SessionDocument(xml: session.xmlData()) == session)
        #expect(try SessionDocument(xml: session.xml(indentation: .flat)) == session)
        #expect(try SessionDocument(xml: Self.smallMRSession().xml()) == Self.smallMRSession())
    }

    @Test(arguments: ImageSessionDataType.allCases)
    func everySessionTypeHasItsRootElement(dataType: ImageSessionDataType) throws {
        let session = SessionDocument(dataType: dataType, label: "L")
        let xml = session.xml()
        #expect(xml.contains("\n<xnat:\(dataType.elementName) ID=\"\" label=\"L\" xmlns:arc="))
        #expect(xml.hasSuffix("\n</xnat:\(dataType.elementName)>"))
        #expect(try SessionDocument(xml: xml) == session)
        #expect(ImageSessionDataType(elementName: dataType.elementName) == dataType)
    }

    @Test func sessionTypeRawValuesAreXNATTypes() {
        #expect(ImageSessionDataType.mr.rawValue == "xnat:mrSessionData")
        #expect(ImageSessionDataType.pet.elementName == "PETSession")
        #expect(ImageSessionDataType.petMR.rawValue == "xnat:petmrSessionData")
        #expect(ImageSessionDataType.petMR.elementName == "PETMRSession")
        #expect(ImageSessionDataType.ct.elementName == "CTSession")
        #expect(ImageSessionDataType.otherDICOM.rawValue == "xnat:otherDicomSessionData")
        #expect(ImageSessionDataType.otherDICOM.elementName == "OtherDicomSession")
        #expect(ImageScanDataType.sc.rawValue == "xnat:scScanData")
        #expect(ImageScanDataType.otherDICOM.rawValue == "xnat:otherDicomScanData")
    }

    @Test(arguments: ImageScanDataType.allCases)
    func everyScanTypeRoundTrips(dataType: ImageScanDataType) throws {
        var session = SessionDocument(dataType: .otherDICOM)
        session.scans = [SessionDocument.Scan(id: "1", dataType: dataType)]
        let xml = session.xml()
        if dataType == .imageScan {
            #expect(xml.contains("<xnat:scan ID=\"1\"/>"))
        } else {
            #expect(xml.contains("<xnat:scan ID=\"1\" xsi:type=\"\(dataType.rawValue)\"/>"))
        }
        #expect(try SessionDocument(xml: xml).scans == session.scans)
    }

    @Test func theExperimentIDIsEmptyInThePrearchiveAndSetWhenArchiving() throws {
        var session = SessionDocument(dataType: .ct)
        #expect(session.xml().contains("<xnat:CTSession ID=\"\" xmlns:arc="))
        #expect(try SessionDocument(xml: session.xml()).id == nil)
        session.id = "XNAT_E00001"
        #expect(try SessionDocument(xml: session.xml()).id == "XNAT_E00001")
    }

    @Test func typeSpecificElementsAreWrittenOnlyForTheirTypes() throws {
        var session = SessionDocument(dataType: .ct)
        session.coil = "HeadNeck_20"
        session.fieldStrength = "3.0"
        session.tracerName = "FDG"
        var scan = SessionDocument.Scan(id: "2", dataType: .ct)
        scan.coil = "Body"
        scan.parameters = SessionDocument.MRParameters()
        scan.parameters?.echoTime = "1"
        session.scans = [scan]
        let xml = session.xml()
        for name in ["coil", "fieldStrength", "tracer", "parameters", "te"] {
            #expect(!xml.contains("<xnat:\(name)"))
        }
        session.dataType = .pet
        #expect(session.xml().contains("\t<xnat:tracer name=\"FDG\"/>\n</xnat:PETSession>"))
        #expect(!session.xml().contains("<xnat:coil>"))
        #expect(try SessionDocument(xml: session.xml()).tracerName == "FDG")
    }

    @Test func secondaryCatalogsHaveSecondaryContent() {
        let resource = SessionDocument.Resource.dicomCatalog(
            .secondary,
            uri: "SCANS/4/secondary/scan_4_secondary_catalog.xml"
        )
        #expect(resource.label == "secondary")
        #expect(resource.format == "DICOM")
        #expect(resource.content == "secondary")
        #expect(resource.kind.rawValue == "xnat:resourceCatalog")
        #expect(SessionDocument.Resource.dicomCatalog(.primary, uri: "x").content == "RAW")
    }

    /// A session with every property Sluice models set, for round trips and order checks.
    static func everyField(dataType: ImageSessionDataType, scanType: ImageScanDataType) -> SessionDocument {
        var session = SessionDocument(dataType: dataType, project: "P", label: "L", subjectID: "S", uid: "1.2")
        session.id = "XNAT_E00009"
        session.visitID = "V1"
        session.visit = "visit 1"
        session.protocolName = "PROTO"
        session.sessionType = "Study description"
        session.modality = "PT"
        session.studyID = "42"
        session.date = "2024-01-02"
        session.time = "09:30:00"
        session.note = "a note"
        session.resources = [
            SessionDocument.Resource(kind: .resource, label: "QC", uri: "RESOURCES/QC/report.pdf", format: "PDF"),
            SessionDocument.Resource(label: "NOTES", uri: "RESOURCES/NOTES/catalog.xml", fileCount: 2, fileSize: 10),
        ]
        session.resources[0].description = "quality report"
        session.resources[0].note = "resource note"
        session.fields = [
            SessionDocument.Field(name: "studyComments", value: "c"), SessionDocument.Field(name: "other", value: ""),
        ]
        session.acquisitionSite = "Site"
        session.scanner = SessionDocument.Scanner(name: "ST1", manufacturer: "GE", model: "Discovery")
        session.operatorName = "Op^Erator"
        session.prearchivePath = "/p/P/20240102_093000123/L"
        session.dicomAccessionNumber = "ACC1"
        session.dicomPatientID = "PID"
        session.dicomPatientName = "Doe^J"
        session.dicomPatientBirthDate = "1970-01-01"
        session.dicomPatientWeight = "70.5"
        session.coil = "Head"
        session.fieldStrength = "3.0"
        session.tracerName = "FDG"
        var scan = SessionDocument.Scan(id: "5-MR1", dataType: scanType, uid: "1.2.3", seriesDescription: "desc")
        scan.type = "T1"
        scan.project = "P"
        scan.imageSessionID = "XNAT_E00009"
        scan.note = "scan note"
        scan.quality = "questionable"
        scan.condition = "cond"
        scan.seriesClass = "class"
        scan.documentation = "doc"
        scan.scanner = SessionDocument.Scanner(manufacturer: "GE", model: "Discovery", softwareVersion: "1.0")
        scan.modality = "MR"
        scan.frames = 3
        scan.operatorName = "Op"
        scan.resources = [
            .dicomCatalog(.primary, uri: "SCANS/5-MR1/DICOM/scan_5-MR1_catalog.xml", fileCount: 3, fileSize: 99),
            .dicomCatalog(.secondary, uri: "SCANS/5-MR1/secondary/scan_5-MR1_secondary_catalog.xml"),
        ]
        scan.startTime = "09:31:00"
        scan.startDate = "2024-01-02"
        scan.requestedProcedureDescription = "MR BRAIN"
        scan.protocolName = "t1"
        scan.bodyPartExamined = "HEAD"
        scan.coil = "HeadNeck_20"
        scan.fieldStrength = "3.0"
        var parameters = SessionDocument.MRParameters()
        parameters.voxelResolution = VoxelResolution(x: "0.9", y: "0.9", z: "1", units: "mm")
        parameters.orientation = "Tra"
        parameters.fieldOfViewX = "256"
        parameters.fieldOfViewY = "240"
        parameters.repetitionTime = "2300"
        parameters.echoTime = "2.98"
        parameters.inversionTime = "900"
        parameters.flipAngle = "9"
        parameters.sequence = "*tfl3d1_16ns"
        parameters.imageType = #"ORIGINAL\PRIMARY\M\ND"#
        parameters.scanSequence = "GR\\IR"
        parameters.sequenceVariant = "SP\\MP"
        parameters.scanOptions = "IR"
        parameters.acquisitionType = "3D"
        parameters.pixelBandwidth = "240"
        scan.parameters = parameters
        session.scans = [scan, SessionDocument.Scan(id: "6", dataType: .sc)]
        return session
    }
}
