import DICOM

/// The human-readable form of `sluice dump`: one line per element, dcmdump style, items indented.
enum DICOMTextDump {
    static func render(_ file: DICOMFile) -> String {
        var lines: [String] = []
        if !file.fileMeta.isEmpty {
            lines.append("# File meta information (transfer syntax \(file.transferSyntax.uid))")
            write(file.fileMeta, depth: 0, to: &lines)
        }
        lines.append("# Data set")
        write(file.dataSet, depth: 0, to: &lines)
        if let stop = file.stoppedAt {
            lines.append("# Stopped before \(stop)")
        }
        return lines.joined(separator: "\n")
    }

    static func write(_ dataSet: DataSet, depth: Int, to lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        for element in dataSet.elements {
            let keyword = DataDictionary.keyword(for: element.tag) ?? "Unknown"
            switch element.value {
            case .sequence(let items):
                lines.append("\(indent)\(element.tag) \(element.vr) (Sequence with \(items.count) items)  # \(keyword)")
                for (index, item) in items.enumerated() {
                    lines.append("\(indent)  (Item #\(index + 1))")
                    write(item, depth: depth + 2, to: &lines)
                }
            case .fragments(let fragments):
                lines.append("\(indent)\(element.tag) \(element.vr) (Encapsulated, \(fragments.count) items)  # \(keyword)")
            case .bytes(let bytes):
                lines.append("\(indent)\(element.tag) \(element.vr) \(summary(element, bytes: bytes, in: dataSet))  # \(keyword)")
            }
        }
    }

    static func summary(_ element: DataElement, bytes: [UInt8], in dataSet: DataSet) -> String {
        switch element.decoded(characterSet: dataSet.characterSet) {
        case .binary:
            let shown = bytes.prefix(16).map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
            return "[\(shown)\(bytes.count > 16 ? " ..." : "")] (\(bytes.count) bytes)"
        default:
            return "[" + (dataSet.strings(element.tag) ?? []).joined(separator: "\\") + "]"
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
