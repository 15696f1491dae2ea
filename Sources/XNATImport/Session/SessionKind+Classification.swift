extension SessionKind {
    /// The session type of a study (`xnat-import-spec.md` §5.2), by the first rule that gives one:
    ///
    /// 1. PET/MR: PET and MR images in one study → `handling` (`nil`, an unset preference, means `.petmr`);
    /// 2. the lead session type of the study's SOP classes;
    /// 3. the session type of the lead modality that has one;
    /// 4. other DICOM, when some SOP class has a known scan type;
    /// 5. none: XNAT's build fails for the folder.
    ///
    /// Verified examples (rest-tests `TestDicomModalityAssignment`): MR → MR; PET + CT (+ RTSTRUCT) → PET;
    /// MR + RTSTRUCT → MR; Secondary Capture with Modality CT → CT; SC with Modality SC → other DICOM; XA and
    /// XA 3D → XA; CR → CR; MR images with an empty Modality → MR.
    ///
    /// Rule 3 takes the first modality in lead order that has a session type, where XNAT takes the lead modality
    /// and gives up if that one has none (`OT` + `SR` would be nothing there); the outcome only differs for such
    /// mixes. In `.separate` mode the `MRAC` test ignores case.
    package static func classify(_ series: [SeriesSummary], handling: PETMRHandling? = nil) -> SessionKind? {
        let sopClassUIDs = series.reduce(into: Set<String>()) { $0.formUnion($1.sopClassUIDs) }
        if !sopClassUIDs.isDisjoint(with: SOPClassTables.petSOPClasses),
            !sopClassUIDs.isDisjoint(with: SOPClassTables.mrSOPClasses)
        {
            return petMRKind(series, handling: handling ?? .petmr)
        }
        let kinds = Set(sopClassUIDs.compactMap { SOPClassTables.sessionKinds[$0] })
        if let lead = leadOrder.first(where: kinds.contains) { return lead }
        let modalities = series.reduce(into: Set<String>()) { $0.formUnion($1.modalities) }
        if let modality = LeadModality.order.first(where: {
            modalities.contains($0) && LeadModality.sessionKinds[$0] != nil
        }) {
            return LeadModality.sessionKinds[modality]
        }
        if sopClassUIDs.contains(where: { SOPClassTables.scanKinds[$0] != nil }) { return .otherDicom }
        return nil
    }

    private static func petMRKind(_ series: [SeriesSummary], handling: PETMRHandling) -> SessionKind {
        switch handling {
        case .pet:
            return .pet
        case .petmr:
            return .petmr
        case .separate:
            let mrSeries = series.filter { !$0.sopClassUIDs.isDisjoint(with: SOPClassTables.mrSOPClasses) }
            let allAttenuation = mrSeries.allSatisfy { ($0.seriesDescription ?? "").uppercased().contains("MRAC") }
            return allAttenuation ? .pet : .petmr
        }
    }
}
