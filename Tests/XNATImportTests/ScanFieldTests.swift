import DICOM
import Testing
import XNATImport

@Suite struct ScanFieldTests {
    @Test func sourcesOfTheFields() {
        #expect(ScanField.seriesDescription.tag == Tag(0x0008_103E))
        #expect(ScanField.requestedProcedureDescription.tag == Tag(0x0032_1060))
        #expect(ScanField.protocolName.tag == Tag(0x0018_1030))
        #expect(ScanField.bodyPartExamined.tag == Tag(0x0018_0015))
        #expect(ScanField.scanner.tag == .stationName)
        #expect(ScanField.allCases.map(\.rawValue).contains("scanner/manufacturer"))
    }

    @Test func valuesAgreeOrAreLeftOut() throws {
        let first = RoutingFixtures.dataSet([
            .seriesInstanceUID: "1.2", .seriesDescription: "T1 MPRAGE", .seriesDate: "20240102",
            .seriesTime: "134501.25",
            .stationName: "MRC1", .modality: "MR",
        ])
        let second = RoutingFixtures.dataSet([
            .seriesInstanceUID: "1.2", .seriesDescription: "T1 MPRAGE", .stationName: "MRC2",
        ])
        let (values, conflicts) = ScanField.values(in: [first, second])
        #expect(values[.uid] == "1.2")
        #expect(values[.seriesDescription] == "T1 MPRAGE")
        #expect(values[.startDate] == "2024-01-02")
        #expect(values[.startTime] == "13:45:01")
        #expect(values[.modality] == "MR")
        #expect(values[.scanner] == nil)
        #expect(conflicts[.scanner] == ["MRC1", "MRC2"])
        #expect(values[.protocolName] == nil && conflicts[.protocolName] == nil)
    }

    @Test func framesCountOnePerFileWithoutNumberOfFrames() {
        let multiFrame = RoutingFixtures.dataSet([.numberOfFrames: "176"])
        #expect(ScanField.frames(inPrimaryFiles: [multiFrame, DataSet(), DataSet()]) == 178)
        #expect(ScanField.frames(inPrimaryFiles: []) == 0)
    }
}
