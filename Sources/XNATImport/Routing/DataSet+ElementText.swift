import DICOM

extension DataSet {
    /// The whole value of an element as text, multiple values joined by `\` as they are stored; `nil` when the
    /// element is absent or its value is empty or only spaces (dcm4che's `getString` answers `null` then too).
    func elementText(_ tag: Tag) -> String? {
        guard let values = strings(tag) else { return nil }
        let text = values.joined(separator: "\\")
        return text.trimmingASCIIWhitespace().isEmpty ? nil : text
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII whitespace (space, tab, line feed, vertical tab, form feed,
    /// carriage return): Java's `\s`, which is what XNAT's `trim` and blank checks amount to here.
    func trimmingASCIIWhitespace() -> String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isASCIIWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isASCIIWhitespace })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// Java's `\s` without `UNICODE_CHARACTER_CLASS`: `[ \t\n\x0B\f\r]`.
    var isASCIIWhitespace: Bool {
        switch value {
        case 0x20, 0x09...0x0D: true
        default: false
        }
    }
}
