import DICOM

/// What the session rules need to know about one series (one SeriesInstanceUID) of a study: its number, the
/// modalities and SOP classes of its files, and its description.
package struct SeriesSummary: Sendable, Equatable {
    /// SeriesInstanceUID (0020,000E); empty for files without one.
    package var seriesInstanceUID: String
    /// SeriesNumber (0020,0011) as written, from the first file that has one.
    package var seriesNumber: String?
    /// Modality (0008,0060) values of the files, empty ones left out.
    package var modalities: Set<String>
    /// SOPClassUID (0008,0016) values of the files.
    package var sopClassUIDs: Set<String>
    /// SeriesDescription (0008,103E), from the first file that has one.
    package var seriesDescription: String?

    /// A summary with the given values.
    package init(
        seriesInstanceUID: String,
        seriesNumber: String? = nil,
        modalities: Set<String> = [],
        sopClassUIDs: Set<String> = [],
        seriesDescription: String? = nil
    ) {
        self.seriesInstanceUID = seriesInstanceUID
        self.seriesNumber = seriesNumber
        self.modalities = modalities
        self.sopClassUIDs = sopClassUIDs
        self.seriesDescription = seriesDescription
    }

    /// Adds what one file of the series says.
    package mutating func add(_ dataSet: DataSet) {
        if seriesNumber == nil { seriesNumber = dataSet.string(.seriesNumber).flatMap(Self.nonBlank) }
        if seriesDescription == nil { seriesDescription = dataSet.string(.seriesDescription).flatMap(Self.nonBlank) }
        if let modality = dataSet.string(.modality).flatMap(Self.nonBlank) { modalities.insert(modality) }
        if let sopClassUID = dataSet.string(.sopClassUID).flatMap(Self.nonBlank) { sopClassUIDs.insert(sopClassUID) }
    }

    /// The series of a study's files, one per SeriesInstanceUID, in order of first appearance.
    package static func summarize(_ dataSets: some Sequence<DataSet>) -> [SeriesSummary] {
        var order: [String] = []
        var series: [String: SeriesSummary] = [:]
        for dataSet in dataSets {
            let uid = dataSet.string(.seriesInstanceUID)?.trimmingASCIIWhitespace() ?? ""
            if series[uid] == nil {
                order.append(uid)
                series[uid] = SeriesSummary(seriesInstanceUID: uid)
            }
            series[uid]?.add(dataSet)
        }
        return order.compactMap { series[$0] }
    }

    private static func nonBlank(_ text: String) -> String? {
        let trimmed = text.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
