import DICOM
import Testing
import XNATImport

@Suite struct ScanIdentifierTests {
    static func series(_ uid: String, number: String?, modality: String = "MR") -> SeriesSummary {
        SeriesSummary(seriesInstanceUID: uid, seriesNumber: number, modalities: [modality])
    }

    @Test func seriesNumbersAreScanIDsInNumericOrder() {
        let assigned = ScanIdentifier.assign([
            Self.series("1.10", number: "10"), Self.series("1.2", number: "2"), Self.series("1.1", number: "1"),
        ])
        #expect(assigned.map(\.scanID) == ["1", "2", "10"])
        #expect(assigned.map(\.series.seriesInstanceUID) == ["1.1", "1.2", "1.10"])
    }

    @Test func sharedSeriesNumbersGetModalityCounters() {
        let assigned = ScanIdentifier.assign([
            Self.series("1.3.2", number: "5"), Self.series("1.3.1", number: "5"),
            Self.series("1.4", number: "5", modality: "CT"),
            Self.series("2.1", number: "3", modality: "ZZ"), Self.series("2.2", number: "3", modality: "ZZ"),
        ])
        #expect(assigned.map(\.scanID) == ["3-OT1", "3-OT2", "5-MR1", "5-MR2", "5-CT1"])
        #expect(assigned.map(\.series.seriesInstanceUID) == ["2.1", "2.2", "1.3.1", "1.3.2", "1.4"])
    }

    @Test func leadModalityOfAMixedSeries() {
        let mixed = SeriesSummary(seriesInstanceUID: "1.1", seriesNumber: "7", modalities: ["SC", "MR", "OT"])
        let other = SeriesSummary(seriesInstanceUID: "1.2", seriesNumber: "7", modalities: ["PT", "MR"])
        #expect(ScanIdentifier.assign([mixed, other]).map(\.scanID) == ["7-MR1", "7-PT1"])
        #expect(LeadModality.lead(of: ["MR", "SC", "OT"]) == "MR")
        #expect(LeadModality.lead(of: ["MR", "PT"]) == "PT")
        #expect(LeadModality.lead(of: []) == nil)
    }

    @Test(arguments: [
        ("4", "1.2.3", "4"),
        ("+3", "1.2.3", "_3"),
        ("  ", "1.2.840-1", "1_2_840_1"),
        ("3+", "1.2", "3_"),
        ("..", "1.2", "1_2"),
    ])
    func baseIDs(number: String, uid: String, expected: String) {
        #expect(ScanIdentifier.baseID(seriesNumber: number, seriesInstanceUID: uid) == expected)
    }

    @Test func baseIDWithoutAnything() {
        #expect(ScanIdentifier.baseID(seriesNumber: nil, seriesInstanceUID: "") == "NA")
    }

    @Test func maybeNumericOrder() {
        let sorted = ["10", "9", "a", "-1", "1_3_12", "01", "1", "B", "4"].sorted(by: ScanIdentifier.isOrderedBefore)
        #expect(sorted == ["-1", "01", "1", "4", "9", "10", "1_3_12", "B", "a"])
    }

    @Test func summarizesFilesBySeries() {
        let files = [
            RoutingFixtures.dataSet([
                .seriesInstanceUID: "1.1", .seriesNumber: "4", .modality: "MR",
                .sopClassUID: "1.2.840.10008.5.1.4.1.1.4",
            ]),
            RoutingFixtures.dataSet([
                .seriesInstanceUID: "1.2", .seriesNumber: "5", .modality: "SR", .seriesDescription: "Report",
            ]),
            RoutingFixtures.dataSet([
                .seriesInstanceUID: "1.1", .modality: "OT", .sopClassUID: "1.2.840.10008.5.1.4.1.1.7",
            ]),
        ]
        let summaries = SeriesSummary.summarize(files)
        #expect(summaries.map(\.seriesInstanceUID) == ["1.1", "1.2"])
        #expect(summaries[0].modalities == ["MR", "OT"])
        #expect(summaries[0].sopClassUIDs == ["1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.5.1.4.1.1.7"])
        #expect(summaries[0].seriesNumber == "4")
        #expect(summaries[1].seriesDescription == "Report")
    }
}
