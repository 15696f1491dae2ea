import DICOM

/// The `Project: X Subject: Y Session: Z` convention: an assignment written into a free-text comment attribute
/// (`xnat-import-spec.md` §3.2, dicom-xnat `ContainedAssignmentExtractor`).
///
/// The whole value must match, case-insensitively, *(start, or anything ending in whitespace, `,` or `;`)* +
/// key + optional spaces + `:` + optional spaces + a value of `[A-Za-z0-9_-]` + *(end, or whitespace, `,` or `;`
/// and then anything)*. Matching uses XNAT's own Java regular expression, so its corners carry over:
/// - an assignment at the very start wins (`Project:A Project:B` gives `A`); otherwise the last one does
///   (`x Project:A Project:B` gives `B`): the leading `.*` is greedy;
/// - `.` does not cross line ends, so the assignment must be on the first or last line of a multi-line value,
///   or the value must have at most one line break next to it;
/// - a value followed by another character (`Project: P1.x`) or made of other characters (`Project: é`) is
///   no value, and an empty value (`Project:`) is no value.
package enum ContainedAssignment {
    /// The keys XNAT looks for; raw values are the key words as written in comments.
    package enum Key: String, Sendable, CaseIterable {
        case project = "Project"
        case subject = "Subject"
        case session = "Session"
        /// The auto-archive request; `t`/`true` and `f`/`false` are understood (§3.1).
        case autoArchive = "AA"
    }

    /// The comment attributes searched, in order: PatientComments (0010,4000), StudyComments (0032,4000),
    /// AdditionalPatientHistory (0010,21B0).
    package static let sourceTags: [Tag] = [.patientComments, .studyComments, .additionalPatientHistory]

    private static let expressions: [Key: JavaRegex] = Dictionary(
        uniqueKeysWithValues: Key.allCases.map { key in
            let pattern = #"(?:\A|(?:.*[\s,;]))"# + key.rawValue + #"\s*:\s*([\w\-]*)(?:(?:[\s,;].*\Z)|\Z)"#
            return (key, try! JavaRegex(pattern, ignoringCase: true))
        }
    )

    /// The value assigned to `key` in `text`, or `nil` when there is no non-empty assignment.
    package static func value(of key: Key, in text: String) -> String? {
        guard let groups = expressions[key]?.wholeMatch(text), let value = groups[1], !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The first value assigned to `key` in the comment attributes of `dataSet`, with the attribute it came from.
    package static func value(of key: Key, in dataSet: DataSet) -> (value: String, tag: Tag)? {
        for tag in sourceTags {
            if let text = dataSet.elementText(tag), let value = value(of: key, in: text) {
                return (value, tag)
            }
        }
        return nil
    }
}
