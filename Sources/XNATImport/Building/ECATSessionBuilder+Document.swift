import ECAT
import Foundation

extension ECATSessionBuilder {
    /// The modality of every ECAT session and scan.
    static let modality = "PET"

    /// The session document (§12): the row's identity, else the main headers' patient ID (label) and name
    /// (subject), word characters only; date and time of the earliest scan start; the operator and the tracer
    /// when the files agree.
    static func sessionDocument(
        files: [ECATSessionFile],
        scans: [SessionDocument.Scan],
        constants: SessionBuildConstants,
        timeZone: TimeZone,
        warnings: inout [String]
    ) -> SessionDocument {
        let headers = files.map(\.ecat.mainHeader)
        func agreed(_ field: String, _ value: (ECATMainHeader) -> String) -> String? {
            let values = Set(headers.map { value($0).trimmingASCIIWhitespace() }.filter { !$0.isEmpty })
            guard values.count <= 1 else {
                warnings.append("session: the files disagree on \(field) (\(values.sorted().joined(separator: ", ")))")
                return nil
            }
            return values.first
        }
        let patientID = agreed("patient_id", \.patientID)
        let patientName = agreed("patient_name", \.patientName)
        var document = SessionDocument(
            dataType: .pet,
            project: constants.documentProject,
            label: constants.documentLabel ?? patientID.flatMap(wordLabel),
            subjectID: constants.subjectID ?? patientName.flatMap(wordLabel)
        )
        document.visit = constants.visit
        document.protocolName = constants.protocolName
        document.prearchivePath = constants.prearchivePath
        document.resources = constants.resources
        document.modality = modality
        if let start = headers.map(\.scanStartTime).filter({ $0 > 0 }).min() {
            document.date = dateText(start, timeZone: timeZone)
            document.time = timeText(start, timeZone: timeZone)
        }
        document.operatorName = agreed("operator_name", \.operatorName)
        document.tracerName = agreed("radiopharmaceutical", \.radiopharmaceutical)
        document.scans = scans
        return document
    }

    /// One `xnat:petScanData` for one file: start date and time of the scan, the frame count, the ECAT resource.
    static func scan(id: String, file: ECATSessionFile, catalogPath: String, timeZone: TimeZone) -> SessionDocument.Scan
    {
        let header = file.ecat.mainHeader
        var scan = SessionDocument.Scan(id: id, dataType: .pet)
        scan.modality = modality
        scan.frames = frames(of: file.ecat)
        if header.scanStartTime > 0 {
            scan.startTime = timeText(header.scanStartTime, timeZone: timeZone)
            scan.startDate = dateText(header.scanStartTime, timeZone: timeZone)
        }
        scan.resources = [
            SessionDocument.Resource(
                label: resourceLabel,
                uri: catalogPath,
                format: resourceLabel,
                content: ScanResource.Content.raw.rawValue,
                fileCount: 1,
                fileSize: file.size
            )
        ]
        return scan
    }

    /// The main header's `num_frames`, or the number of distinct frames in the matrix directory when it is 0;
    /// `nil` when neither says anything.
    static func frames(of file: ECATFile) -> Int? {
        if file.mainHeader.numFrames > 0 { return Int(file.mainHeader.numFrames) }
        let distinct = Set(file.matrices.map { ECATMatrixID(encoded: $0.entry.matrixNumber).frame }).count
        return distinct > 0 ? distinct : nil
    }

    /// A label from an ECAT text field: word characters only (`P-0001` → `P_0001`), `nil` when blank.
    static func wordLabel(_ text: String) -> String? {
        let trimmed = text.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : LabelSanitizer.sanitize(trimmed, allowing: .word)
    }

    /// `yyyy-MM-dd` of an ECAT time (seconds since 1970 UTC) in `timeZone`.
    static func dateText(_ seconds: Int32, timeZone: TimeZone) -> String {
        let parts = components(seconds, timeZone: timeZone)
        return pad(parts.year, 4) + "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2)
    }

    /// `HH:mm:ss` of an ECAT time in `timeZone`.
    static func timeText(_ seconds: Int32, timeZone: TimeZone) -> String {
        let parts = components(seconds, timeZone: timeZone)
        return pad(parts.hour, 2) + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2)
    }

    private static func components(_ seconds: Int32, timeZone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second],
            from: Date(timeIntervalSince1970: TimeInterval(seconds))
        )
    }

    private static func pad(_ value: Int?, _ width: Int) -> String {
        let text = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
