import DICOM

/// The scan fields every image scan takes from its series (`xnat-import-spec.md` §5.3; dicom-xnat
/// `ImageScanAttributes`). Raw values are the field paths of the session document. Type-specific fields (MR
/// `parameters/…`, `fieldStrength`, PET tracer, …) are not covered here.
package enum ScanField: String, Sendable, CaseIterable {
    case uid = "UID"
    case seriesDescription = "series_description"
    case modality = "modality"
    case scanner = "scanner"
    case scannerManufacturer = "scanner/manufacturer"
    case scannerModel = "scanner/model"
    case startTime = "startTime"
    case startDate = "start_date"
    case requestedProcedureDescription = "requestedProcedureDescription"
    case protocolName = "protocolName"
    case bodyPartExamined = "bodyPartExamined"

    /// The DICOM attribute the field comes from.
    package var tag: Tag {
        switch self {
        case .uid: .seriesInstanceUID
        case .seriesDescription: .seriesDescription
        case .modality: .modality
        case .scanner: .stationName
        case .scannerManufacturer: .manufacturer
        case .scannerModel: .manufacturerModelName
        case .startTime: .seriesTime
        case .startDate: .seriesDate
        case .requestedProcedureDescription: .requestedProcedureDescription
        case .protocolName: .protocolName
        case .bodyPartExamined: .bodyPartExamined
        }
    }

    /// The field's value in one file: dates as `yyyy-MM-dd`, times as `HH:mm:ss` (unreadable ones left out),
    /// other values as written; `nil` when absent or blank.
    package func value(in dataSet: DataSet) -> String? {
        switch self {
        case .startDate: dataSet.date(tag)?.description
        case .startTime: dataSet.time(tag)?.description
        default: dataSet.elementText(tag)?.trimmingASCIIWhitespace()
        }
    }

    /// The fields of a series from its files. A field whose files disagree is left out and reported in
    /// `conflicts` (XNAT logs such values to `dcmtoxnat.log` and leaves the field empty); files without the
    /// attribute do not count as disagreeing.
    package static func values(
        in dataSets: [DataSet]
    ) -> (values: [ScanField: String], conflicts: [ScanField: [String]]) {
        var values: [ScanField: String] = [:]
        var conflicts: [ScanField: [String]] = [:]
        for field in allCases {
            var distinct: [String] = []
            for dataSet in dataSets {
                if let value = field.value(in: dataSet), !distinct.contains(value) { distinct.append(value) }
            }
            if distinct.count == 1 {
                values[field] = distinct[0]
            } else if distinct.count > 1 {
                conflicts[field] = distinct
            }
        }
        return (values, conflicts)
    }

    /// The scan's `frames`: NumberOfFrames (0028,0008) summed over its primary files, 1 for a file without it.
    package static func frames(inPrimaryFiles dataSets: [DataSet]) -> Int {
        dataSets.reduce(0) { $0 + max($1.int(.numberOfFrames) ?? 1, 1) }
    }
}
