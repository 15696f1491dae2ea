import Foundation

/// `PUT /data/experiments/{ID}?pullDataFromHeaders=true` (xnatutils after uploading a `DICOM` resource): the
/// session's and its scans' fields are read again from the DICOM files in `SCANS/<scan>/DICOM|secondary/`.
extension ArchiveEditor {
    /// Refreshes the DICOM-derived fields of the session and of every scan that has DICOM files; IDs, labels,
    /// types, quality, notes and resources are kept. Answers the number of scans refreshed; a session without
    /// DICOM files is left as it is.
    package func pullDataFromHeaders(_ experiment: ArchivedExperiment) async throws -> Int {
        try await withLock(experiment) {
            let folder = try self.sessionFolder(experiment)
            let current = try await BlockingWork.run { try self.readDocument(experiment) }
            let (document, refreshed) = try await BlockingWork.run {
                try Self.refreshed(current, folder: folder)
            }
            guard document != current else { return 0 }
            try await BlockingWork.run { try self.writeDocument(document, of: experiment) }
            _ = try await self.touch(experiment, document: document)
            return refreshed
        }
    }

    /// The document with fields read from the files in `folder`. Blocking IO.
    static func refreshed(_ current: SessionDocument, folder: URL) throws -> (SessionDocument, Int) {
        let files = try SessionFolderReader.scan(sessionFolder: folder).files
        guard !files.isEmpty else { return (current, 0) }
        var document = current
        if let built = try? SessionBuilder.plan(files: files, constants: SessionBuildConstants()).document {
            document.takeHeaderFields(from: built)
        }
        let byScan = Dictionary(grouping: files) { $0.relativePath.split(separator: "/").dropFirst().first.map(String.init) ?? "" }
        var refreshed = 0
        for index in document.scans.indices {
            guard let scanFiles = byScan[document.scans[index].id],
                let built = try? SessionBuilder.plan(files: scanFiles, constants: SessionBuildConstants()).document.scans.first
            else { continue }
            document.scans[index].takeHeaderFields(from: built)
            refreshed += 1
        }
        return (document, refreshed)
    }
}

extension SessionDocument {
    /// Copies the fields the session builder reads from DICOM, where `built` has them.
    mutating func takeHeaderFields(from built: SessionDocument) {
        uid = built.uid ?? uid
        date = built.date ?? date
        time = built.time ?? time
        modality = built.modality ?? modality
        sessionType = built.sessionType ?? sessionType
        studyID = built.studyID ?? studyID
        acquisitionSite = built.acquisitionSite ?? acquisitionSite
        scanner = built.scanner ?? scanner
        operatorName = built.operatorName ?? operatorName
        dicomAccessionNumber = built.dicomAccessionNumber ?? dicomAccessionNumber
        dicomPatientID = built.dicomPatientID ?? dicomPatientID
        dicomPatientName = built.dicomPatientName ?? dicomPatientName
        dicomPatientBirthDate = built.dicomPatientBirthDate ?? dicomPatientBirthDate
        dicomPatientWeight = built.dicomPatientWeight ?? dicomPatientWeight
        fieldStrength = built.fieldStrength ?? fieldStrength
    }
}

extension SessionDocument.Scan {
    /// Copies the fields the session builder reads from DICOM, where `built` has them; the type is set only when
    /// the scan has none.
    mutating func takeHeaderFields(from built: SessionDocument.Scan) {
        uid = built.uid ?? uid
        seriesDescription = built.seriesDescription ?? seriesDescription
        if (type ?? "").isEmpty { type = built.type ?? built.seriesDescription }
        modality = built.modality ?? modality
        frames = built.frames ?? frames
        startTime = built.startTime ?? startTime
        startDate = built.startDate ?? startDate
        scanner = built.scanner ?? scanner
        operatorName = built.operatorName ?? operatorName
        protocolName = built.protocolName ?? protocolName
        bodyPartExamined = built.bodyPartExamined ?? bodyPartExamined
        coil = built.coil ?? coil
        fieldStrength = built.fieldStrength ?? fieldStrength
        parameters = built.parameters ?? parameters
    }
}
