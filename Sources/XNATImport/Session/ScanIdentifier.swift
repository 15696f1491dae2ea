/// Scan IDs of a built session (`xnat-import-spec.md` §5.3; dicom-xnat `DICOMSessionBuilder`): one scan per
/// SeriesInstanceUID, named after its SeriesNumber.
package enum ScanIdentifier {
    /// A series with the scan ID the session build gives it.
    package struct Assignment: Sendable, Equatable {
        /// The scan ID (`4`, `5-MR1`).
        package var scanID: String
        /// The series the scan is made of.
        package var series: SeriesSummary

        /// Pairs a scan ID with its series.
        package init(scanID: String, series: SeriesSummary) {
            self.scanID = scanID
            self.series = series
        }
    }

    /// The IDs of a study's scans, in scan order.
    ///
    /// - A SeriesNumber used by one series is its scan ID (`baseID`).
    /// - When several series share one, each gets `<number>-<modality><n>`: the series' lead modality (`OT` when
    ///   none is known) and `n` counting 1, 2, … per modality in SeriesInstanceUID order (`5-MR1`, `5-MR2`, `3-OT1`).
    /// - Scans are ordered by `isOrderedBefore` on their base IDs, then by SeriesInstanceUID.
    package static func assign(_ series: [SeriesSummary]) -> [Assignment] {
        let groups = Dictionary(grouping: series) {
            baseID(seriesNumber: $0.seriesNumber, seriesInstanceUID: $0.seriesInstanceUID)
        }
        var assignments: [Assignment] = []
        for base in groups.keys.sorted(by: isOrderedBefore) {
            let members = groups[base, default: []].sorted { $0.seriesInstanceUID < $1.seriesInstanceUID }
            guard members.count > 1 else {
                assignments += members.map { Assignment(scanID: base, series: $0) }
                continue
            }
            var counts: [String: Int] = [:]
            for member in members {
                let modality = LeadModality.scanIDCode(of: member.modalities)
                let index = counts[modality, default: 0] + 1
                counts[modality] = index
                assignments.append(Assignment(scanID: base + "-" + modality + String(index), series: member))
            }
        }
        return assignments
    }

    /// The scan ID a series would have on its own: its SeriesNumber, else its SeriesInstanceUID with every
    /// character outside `[A-Za-z0-9_]` replaced by `_`, else `NA`.
    ///
    /// XNAT turns only a leading `+` of the SeriesNumber into `_` and keeps any other character. Since the ID
    /// names the `SCANS/<id>` directory, we replace every character outside `[A-Za-z0-9_.-]` (`+3` → `_3` as in
    /// XNAT; `3+` → `3_` where XNAT keeps `3+`), and treat a number of only dots as blank.
    package static func baseID(seriesNumber: String?, seriesInstanceUID: String) -> String {
        let number = seriesNumber?.trimmingASCIIWhitespace() ?? ""
        if number.contains(where: { $0 != "." }) {
            return LabelSanitizer.sanitize(number, allowing: .fileName)
        }
        let uid = seriesInstanceUID.trimmingASCIIWhitespace()
        return uid.isEmpty ? DefaultLabel.scanDirectory.rawValue : LabelSanitizer.sanitize(uid, allowing: .word)
    }

    /// XNAT's "maybe numeric" order of series numbers: numerically when both are 32-bit integers, else as text.
    ///
    /// XNAT's comparator is not a consistent order when numbers and other IDs mix (`4` < `10` < `1_3` < `4`), and
    /// UID-based IDs do mix with numbers; we put all numbers first, in numeric order, then the rest as text. Equal
    /// numbers written differently (`01`, `1`) are ordered as text; XNAT would merge them into one group.
    package static func isOrderedBefore(_ lhs: String, _ rhs: String) -> Bool {
        switch (Int32(lhs), Int32(rhs)) {
        case let (left?, right?) where left != right: left < right
        case (.some, nil): true
        case (nil, .some): false
        default: lhs < rhs
        }
    }
}
