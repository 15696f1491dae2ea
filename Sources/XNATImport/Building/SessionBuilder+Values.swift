import DICOM

extension SessionBuilder {
    /// The text of an element as the session fields take it: values joined by `\`, trimmed; `nil` when absent or
    /// blank.
    static func text(_ dataSet: DataSet, _ tag: Tag) -> String? {
        dataSet.elementText(tag)?.trimmingASCIIWhitespace()
    }

    /// The distinct values `extract` finds in `dataSets`, sorted (so the result does not depend on file order).
    static func distinct(_ dataSets: [DataSet], _ extract: (DataSet) -> String?) -> [String] {
        Set(dataSets.compactMap(extract)).sorted()
    }

    /// The value all of `dataSets` that have one agree on; `nil` when none has one or they disagree.
    static func single(_ dataSets: [DataSet], _ extract: (DataSet) -> String?) -> String? {
        let values = distinct(dataSets, extract)
        return values.count == 1 ? values[0] : nil
    }

    /// Like ``single(_:_:)``, but a disagreement is reported in `warnings` (XNAT logs such values to
    /// `dcmtoxnat.log` and leaves the field empty).
    static func single(
        _ field: String,
        of scope: String,
        in dataSets: [DataSet],
        warnings: inout [String],
        _ extract: (DataSet) -> String?
    ) -> String? {
        let values = distinct(dataSets, extract)
        if values.count > 1 {
            warnings.append(conflict(field, of: scope, values: values))
        }
        return values.count == 1 ? values[0] : nil
    }

    /// Like ``single(_:of:in:warnings:_:)`` for the text of `tag`.
    static func single(
        _ field: String,
        of scope: String,
        _ tag: Tag,
        in dataSets: [DataSet],
        warnings: inout [String]
    ) -> String? {
        single(field, of: scope, in: dataSets, warnings: &warnings) { text($0, tag) }
    }

    /// `session: acquisition_site has 2 values (A, B); left empty`.
    static func conflict(_ field: String, of scope: String, values: [String]) -> String {
        "\(scope): \(field) has \(values.count) values (\(values.joined(separator: ", "))); left empty"
    }
}
