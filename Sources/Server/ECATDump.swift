import DICOM
import ECAT

/// The `sluice dump --json` form of an ECAT 7 file: one JSON object on one line.
///
/// Keys: `"format": "ECAT7"`; every main header field under nibabel's name (`magic_number`,
/// `original_filename`, ..., `patient_id`, `scan_start_time`, `num_frames`, ...); the derived
/// `scan_start_time_utc`, `dose_start_time_utc`, `file_type_name`, `acquisition_type_name`,
/// `file_size` and `directory_blocks`; and `frames`, one object per matrix in stored order with its
/// directory row (`matrix_id`, `matrix_frame`, `matrix_plane`, `matrix_gate`, `matrix_data`,
/// `matrix_bed`, `start_block`, `end_block`, `matrix_status`, `directory_block`), its
/// `subheader_type` and its subheader fields under nibabel's names (`frame_start_time`,
/// `frame_duration`, ...). Text fields are JSON strings, numbers JSON numbers, non-finite floats
/// `null`.
func ecatDumpJSON(_ file: ECATFile) -> String {
    var members: [(String, String)] = [("format", DICOMJSON.jsonString("ECAT7"))]
    members += file.mainHeader.fields.map { ($0.name, jsonValue($0.value)) }
    members += ecatDerivedFields(file).map { ($0.name, jsonValue($0.value)) }
    members.append(("directory_blocks", "[" + file.directoryBlocks.map(String.init).joined(separator: ",") + "]"))
    let frames = file.matrices.enumerated().map { index, matrix in
        jsonObject(ecatFrameFields(index: index, matrix).map { ($0.name, jsonValue($0.value)) })
    }
    members.append(("frames", "[" + frames.joined(separator: ",") + "]"))
    return jsonObject(members)
}

/// The human-readable `sluice dump` form of an ECAT 7 file: one `name: value` line per field,
/// main header first (times also in UTC), then `frame[i].name: value` lines for each matrix.
func ecatDumpText(_ file: ECATFile) -> String {
    var lines = ["format: ECAT7"]
    let header = file.mainHeader
    for field in file.mainHeader.fields {
        var line = field.name + ": " + textValue(field.value)
        switch field.name {
        case "scan_start_time": line += " (\(header.scanStartTimeUTC))"
        case "dose_start_time": line += " (\(header.doseStartTimeUTC))"
        case "file_type": line += header.knownFileType.map { " (\($0.name))" } ?? " (unknown)"
        case "acquisition_type": line += header.knownAcquisitionType.map { " (\($0.name))" } ?? " (unknown)"
        default: break
        }
        lines.append(line)
    }
    lines.append("file_size: \(file.fileSize)")
    lines.append("directory_blocks: " + file.directoryBlocks.map(String.init).joined(separator: " "))
    lines.append("matrices: \(file.matrices.count)")
    for (index, matrix) in file.matrices.enumerated() {
        for field in ecatFrameFields(index: index, matrix) {
            lines.append("frame[\(index)].\(field.name): " + textValue(field.value))
        }
    }
    return lines.joined(separator: "\n")
}

// MARK: - Fields

private func ecatDerivedFields(_ file: ECATFile) -> [ECATField] {
    let header = file.mainHeader
    return [
        ECATField("scan_start_time_utc", .text(header.scanStartTimeUTC)),
        ECATField("dose_start_time_utc", .text(header.doseStartTimeUTC)),
        ECATField("file_type_name", .text(header.knownFileType?.name ?? "unknown")),
        ECATField("acquisition_type_name", .text(header.knownAcquisitionType?.name ?? "unknown")),
        ECATField("file_size", .integer(Int64(file.fileSize))),
    ]
}

private func ecatFrameFields(index: Int, _ matrix: ECATMatrix) -> [ECATField] {
    let entry = matrix.entry
    let id = entry.id
    return [
        ECATField("index", .integer(Int64(index))),
        ECATField("matrix_id", .integer(Int64(entry.matrixNumber))),
        ECATField("matrix_frame", .integer(Int64(id.frame))),
        ECATField("matrix_plane", .integer(Int64(id.plane))),
        ECATField("matrix_gate", .integer(Int64(id.gate))),
        ECATField("matrix_data", .integer(Int64(id.data))),
        ECATField("matrix_bed", .integer(Int64(id.bed))),
        ECATField("start_block", .integer(Int64(entry.startBlock))),
        ECATField("end_block", .integer(Int64(entry.endBlock))),
        ECATField("matrix_status", .integer(Int64(entry.status))),
        ECATField("directory_block", .integer(Int64(entry.directoryBlock))),
        ECATField("subheader_type", .text(matrix.subheader.layoutName)),
    ] + matrix.subheader.fields
}

// MARK: - JSON

private func jsonObject(_ members: [(String, String)]) -> String {
    "{" + members.map { DICOMJSON.jsonString($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
}

private func jsonValue(_ value: ECATValue) -> String {
    switch value {
    case .integer(let number): String(number)
    case .real(let number): jsonNumber(number)
    case .text(let text): DICOMJSON.jsonString(text)
    case .integers(let numbers): "[" + numbers.map(String.init).joined(separator: ",") + "]"
    case .reals(let numbers): "[" + numbers.map(jsonNumber).joined(separator: ",") + "]"
    }
}

/// The shortest decimal that reads back as the same `Float`; `null` for NaN and infinities.
private func jsonNumber(_ number: Float) -> String {
    number.isFinite ? number.description : "null"
}

// MARK: - Text

private func textValue(_ value: ECATValue) -> String {
    switch value {
    case .integer(let number): String(number)
    case .real(let number): number.description
    case .text(let text): DICOMJSON.jsonString(text)
    case .integers(let numbers): numbers.map(String.init).joined(separator: " ")
    case .reals(let numbers): numbers.map(\.description).joined(separator: " ")
    }
}
