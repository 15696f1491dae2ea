import Testing
import XNATImport

private typealias Fixtures = RoutingFixtures

/// A series with one modality (none when empty) and the given SOP classes.
private func series(_ modality: String, _ sopClassUIDs: String..., description: String? = nil) -> SeriesSummary {
    SeriesSummary(
        seriesInstanceUID: "1.\(modality).\(sopClassUIDs.count)",
        modalities: modality.isEmpty ? [] : [modality],
        sopClassUIDs: Set(sopClassUIDs),
        seriesDescription: description
    )
}

@Suite struct SessionKindTests {

    /// rest-tests `TestDicomModalityAssignment`.
    @Test(arguments: [
        ([series("MR", Fixtures.mrImageStorage)], SessionKind.mr),
        ([series("PT", Fixtures.petImageStorage), series("CT", Fixtures.ctImageStorage)], .pet),
        (
            [
                series("RTSTRUCT", Fixtures.rtStructureSetStorage), series("PT", Fixtures.petImageStorage),
                series("CT", Fixtures.ctImageStorage),
            ], .pet
        ),
        ([series("RTSTRUCT", Fixtures.rtStructureSetStorage), series("MR", Fixtures.enhancedMRImageStorage)], .mr),
        ([series("CT", Fixtures.secondaryCaptureStorage)], .ct),
        ([series("SC", Fixtures.secondaryCaptureStorage)], .otherDicom),
        ([series("XA", Fixtures.xaImageStorage)], .xa),
        ([series("XA", Fixtures.xa3DImageStorage)], .xa),
        ([series("CR", Fixtures.crImageStorage)], .cr),
        ([series("", Fixtures.mrImageStorage)], .mr),
        ([series("MR", Fixtures.rawDataStorage, Fixtures.mrImageStorage)], .mr),
    ])
    func classifies(series: [SeriesSummary], expected: SessionKind) {
        #expect(SessionKind.classify(series) == expected)
    }

    @Test func petAndMRFollowTheSetting() {
        let study = [series("PT", Fixtures.petImageStorage), series("MR", Fixtures.mrImageStorage)]
        #expect(SessionKind.classify(study) == .petmr)
        #expect(SessionKind.classify(study, handling: .petmr) == .petmr)
        #expect(SessionKind.classify(study, handling: .pet) == .pet)
        #expect(SessionKind.classify(study, handling: .separate) == .petmr)
        let attenuationOnly = [
            series("PT", Fixtures.petImageStorage),
            series("MR", Fixtures.mrImageStorage, description: "Head_MRAC_PET_UTE"),
        ]
        #expect(SessionKind.classify(attenuationOnly, handling: .separate) == .pet)
        #expect(PETMRHandling.allCases.map(\.rawValue) == ["pet", "petmr", "separate"])
    }

    @Test func leadOrderDecidesBetweenSOPClasses() {
        #expect(SessionKind.leadOrder.prefix(6) == [.pet, .mr, .ct, .xa, .us, .rt])
        #expect(SessionKind.leadOrder.last == .otherDicom)
        let ctAndCR = [series("CR", Fixtures.crImageStorage), series("CT", Fixtures.ctImageStorage)]
        #expect(SessionKind.classify(ctAndCR) == .ct)
        let rtOnly = [series("RTDOSE", "1.2.840.10008.5.1.4.1.1.481.2")]
        #expect(SessionKind.classify(rtOnly) == .rt)
    }

    @Test func modalityMapUsesTheLeadModalityThatHasASessionType() {
        let unknownSOP = "1.2.3.4.5.6"
        #expect(SessionKind.classify([series("OT", unknownSOP), series("NM", unknownSOP)]) == .nm)
        #expect(SessionKind.classify([series("XC", unknownSOP)]) == .xc)
    }

    @Test func unknownEverythingGivesNoSessionType() {
        #expect(SessionKind.classify([series("OT", "1.2.3.4.5.6")]) == nil)
        #expect(SessionKind.classify([]) == nil)
        // A private SOP class XNAT knows as other DICOM.
        #expect(SessionKind.classify([series("OT", "1.3.12.2.1107.5.9.1")]) == .otherDicom)
    }

    @Test func rawValuesAreXSITypes() {
        #expect(SessionKind.mr.rawValue == "xnat:mrSessionData")
        #expect(SessionKind.petmr.rawValue == "xnat:petmrSessionData")
        #expect(
            SessionKind.allCases.allSatisfy { $0.rawValue.hasPrefix("xnat:") && $0.rawValue.hasSuffix("SessionData") }
        )
    }
}
