import DICOM

extension SessionBuilder {
    /// The session-level part of the document (`xnat-import-spec.md` §5.2): the injected constants and the
    /// study's fields, without scans.
    static func sessionDocument(
        kind: SessionKind,
        studyUID: String,
        files: [SessionFile],
        constants: SessionBuildConstants,
        warnings: inout [String]
    ) -> SessionDocument {
        let dataType: ImageSessionDataType
        if let known = kind.dataType {
            dataType = known
        } else {
            dataType = .otherDICOM
            warnings.append("session: the type \(kind.rawValue) is not supported; written as \(dataType.rawValue)")
        }
        let headers = files.map(\.header)
        let scope = "session"
        var document = SessionDocument(
            dataType: dataType,
            project: constants.documentProject,
            label: constants.documentLabel,
            subjectID: constants.subjectID,
            uid: studyUID.isEmpty ? nil : studyUID
        )
        document.visit = constants.visit
        document.protocolName = constants.protocolName
        document.prearchivePath = constants.prearchivePath
        document.resources = constants.resources

        document.date = single("date", of: scope, in: headers, warnings: &warnings) { $0.date(.studyDate)?.description }
        document.time = single("time", of: scope, in: headers, warnings: &warnings) { $0.time(.studyTime)?.description }
        document.acquisitionSite = single(
            "acquisition_site",
            of: scope,
            .institutionName,
            in: headers,
            warnings: &warnings
        )
        if let comments = single("studyComments", of: scope, .studyComments, in: headers, warnings: &warnings) {
            document.fields = [SessionDocument.Field(name: "studyComments", value: comments)]
        }
        document.sessionType = single("session_type", of: scope, .studyDescription, in: headers, warnings: &warnings)
        document.modality = modality(of: headers)
        document.studyID = single("study_id", of: scope, .studyID, in: headers, warnings: &warnings)

        let stations = distinct(headers) { text($0, .stationName) }
        let scanner = SessionDocument.Scanner(
            name: stations.isEmpty ? nil : stations.joined(separator: ","),
            manufacturer: single("scanner/manufacturer", of: scope, .manufacturer, in: headers, warnings: &warnings),
            model: single("scanner/model", of: scope, .manufacturerModelName, in: headers, warnings: &warnings)
        )
        document.scanner = scanner == SessionDocument.Scanner() ? nil : scanner
        document.operatorName = single("operator", of: scope, .operatorsName, in: headers, warnings: &warnings)
        document.dicomAccessionNumber = single(
            "dcmAccessionNumber",
            of: scope,
            .accessionNumber,
            in: headers,
            warnings: &warnings
        )
        document.dicomPatientID = single("dcmPatientId", of: scope, .patientID, in: headers, warnings: &warnings)
        document.dicomPatientName = single("dcmPatientName", of: scope, .patientName, in: headers, warnings: &warnings)
        document.dicomPatientBirthDate = single("dcmPatientBirthDate", of: scope, in: headers, warnings: &warnings) {
            $0.date(.patientBirthDate)?.description
        }
        document.dicomPatientWeight = single(
            "dcmPatientWeight",
            of: scope,
            .patientWeight,
            in: headers,
            warnings: &warnings
        )

        if dataType == .mr || dataType == .petMR {
            document.fieldStrength = single(
                "fieldStrength",
                of: scope,
                .magneticFieldStrength,
                in: headers,
                warnings: &warnings
            )
        }
        if dataType == .pet || dataType == .petMR {
            document.tracerName = single("tracer/name", of: scope, in: headers, warnings: &warnings) {
                $0.items(.radiopharmaceuticalInformationSequence)?.first.flatMap { text($0, .radiopharmaceutical) }
            }
        }
        return document
    }

    /// The session's modality: the lead modality of the files (`LeadModality`), else their only modality.
    private static func modality(of headers: [DataSet]) -> String? {
        let modalities = distinct(headers) { text($0, .modality) }
        return LeadModality.lead(of: Set(modalities)) ?? (modalities.count == 1 ? modalities[0] : nil)
    }
}
