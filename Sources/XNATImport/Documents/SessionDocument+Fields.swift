import Foundation

extension SessionDocument {
    /// The experiment shortcuts XNAT's `XMLPathShortcuts` maps for image sessions, by parameter name
    /// (`xnat-import-spec.md` §2.3, §6.2 step 3).
    package static let fieldShortcuts: Set<String> = [
        "project", "label", "subject_ID", "visit", "visit_id", "protocol", "date", "time", "note", "session_type",
        "modality", "UID", "scanner", "operator", "dcmAccessionNumber", "dcmPatientId", "dcmPatientName",
        "acquisition_site", "study_id", "coil", "fieldStrength", "tracer/name",
    ]

    /// Whether a request parameter sets a session field: a shortcut (`visit`) or an XML path
    /// (`xnat:mrSessionData/date`, `xnat:petSessionData/tracer/name`, `xnat:experimentData.note`).
    package static func isFieldParameter(_ name: String) -> Bool {
        fieldShortcuts.contains(name) || fieldPath(name) != nil
    }

    /// The field an XML path names: the part after `<ns>:<type>/` (or `.`), with `.` read as `/`.
    static func fieldPath(_ name: String) -> String? {
        guard let colon = name.firstIndex(of: ":"), let separator = name[colon...].firstIndex(where: { $0 == "/" || $0 == "." })
        else { return nil }
        let prefix = name[..<separator]
        guard prefix.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }) else { return nil }
        let path = name[name.index(after: separator)...].replacingOccurrences(of: ".", with: "/")
        return path.isEmpty ? nil : path
    }

    /// Sets the fields the parameters name (shortcuts and XML paths); other parameters are ignored.
    ///
    /// - Throws: ``ImportError`` 400 `unable to map parameters to valid xml path: <name>` for an XML path to a
    ///   field Sluice does not keep (XNAT's answer for a path outside its schema).
    package mutating func applyFields(_ parameters: [String: String], skipping skipped: Set<String> = []) throws(ImportError) {
        for (name, field, value) in Self.fieldParameters(parameters, shortcuts: Self.fieldShortcuts) {
            guard !skipped.contains(field) else { continue }
            guard setField(field, value.isEmpty ? nil : value) else {
                throw ImportError(.invalidRequest, "unable to map parameters to valid xml path: \(name)")
            }
        }
    }

    /// The parameters that name fields, in name order: `(parameter, field, value)`, the field being the shortcut
    /// itself or the path an XML-path parameter names; other parameters are left out.
    static func fieldParameters(
        _ parameters: [String: String],
        shortcuts: Set<String>
    ) -> [(name: String, field: String, value: String)] {
        parameters.sorted { $0.key < $1.key }.compactMap { name, value in
            if shortcuts.contains(name) { return (name, name, value) }
            return fieldPath(name).map { (name, $0, value) }
        }
    }

    /// Sets one field by its schema name; `false` for a name Sluice does not keep.
    private mutating func setField(_ field: String, _ value: String?) -> Bool {
        switch field {
        case "project": project = value
        case "label": label = value
        case "subject_ID": subjectID = value
        case "visit": visit = value
        case "visit_id": visitID = value
        case "protocol": protocolName = value
        case "date": date = value
        case "time": time = value
        case "note": note = value
        case "session_type": sessionType = value
        case "modality": modality = value
        case "UID": uid = value
        case "scanner":
            var scanner = self.scanner ?? Scanner()
            scanner.name = value
            self.scanner = scanner
        case "operator": operatorName = value
        case "dcmAccessionNumber": dicomAccessionNumber = value
        case "dcmPatientId": dicomPatientID = value
        case "dcmPatientName": dicomPatientName = value
        case "acquisition_site": acquisitionSite = value
        case "study_id": studyID = value
        case "coil": coil = value
        case "fieldStrength": fieldStrength = value
        case "tracer/name": tracerName = value
        default: return false
        }
        return true
    }
}
