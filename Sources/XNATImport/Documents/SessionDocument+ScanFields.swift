extension SessionDocument.Scan {
    /// The scan shortcuts a `PUT …/scans/{id}` accepts as plain parameters.
    package static let fieldShortcuts: Set<String> = [
        "ID", "type", "UID", "quality", "condition", "note", "series_description", "series_class", "documentation",
        "modality", "frames", "startTime", "start_date", "protocolName", "bodyPartExamined", "coil", "fieldStrength",
    ]

    /// Sets the fields the parameters name: shortcuts (`type`) and XML paths (`xnat:mrScanData/type`); other
    /// parameters are ignored. An empty value clears the field.
    ///
    /// - Throws: ``ImportError`` 400 `unable to map parameters to valid xml path: <name>` for an XML path to a
    ///   field Sluice does not keep, or a `frames` value that is not a number.
    package mutating func applyFields(_ parameters: [String: String]) throws(ImportError) {
        for (name, field, value) in SessionDocument.fieldParameters(parameters, shortcuts: Self.fieldShortcuts) {
            guard try setField(field, value.isEmpty ? nil : value) else {
                throw ImportError(.invalidRequest, "unable to map parameters to valid xml path: \(name)")
            }
        }
    }

    private mutating func setField(_ field: String, _ value: String?) throws(ImportError) -> Bool {
        switch field {
        case "ID", "id": if let value { id = value }
        case "type": type = value
        case "UID": uid = value
        case "quality": quality = value
        case "condition": condition = value
        case "note": note = value
        case "series_description": seriesDescription = value
        case "series_class": seriesClass = value
        case "documentation": documentation = value
        case "modality": modality = value
        case "frames":
            guard let value else {
                frames = nil
                break
            }
            guard let number = Int(value) else { throw ImportError(.invalidRequest, "frames must be a number: \(value)") }
            frames = number
        case "startTime": startTime = value
        case "start_date": startDate = value
        case "protocolName": protocolName = value
        case "bodyPartExamined": bodyPartExamined = value
        case "coil": coil = value
        case "fieldStrength": fieldStrength = value
        default: return false
        }
        return true
    }
}
