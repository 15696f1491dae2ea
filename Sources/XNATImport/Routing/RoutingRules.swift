import DICOM

/// The site's custom routing rules for each destination field (`xnat-import-spec.md` §3.4), tried in order before
/// the DICOM-header defaults of §3.1. Stored in XNAT's configuration under tool `dicom`, paths `projectRules`,
/// `subjectRules`, `sessionRules` and `aaRules`, one rule per line.
package struct RoutingRules: Sendable {
    /// Rules for the project, tried before the comment assignments.
    package var project: [RoutingRule]
    /// Rules for the subject label.
    package var subject: [RoutingRule]
    /// Rules for the session label.
    package var session: [RoutingRule]
    /// Rules for the auto-archive request.
    package var autoArchive: [RoutingRule]
    /// Project rules from the optional `dicom-project.rules` file, tried after StudyDescription and
    /// AccessionNumber (§3.1 step 7).
    package var projectFallback: [RoutingRule]

    /// Rule lists for each field; all empty by default.
    package init(
        project: [RoutingRule] = [],
        subject: [RoutingRule] = [],
        session: [RoutingRule] = [],
        autoArchive: [RoutingRule] = [],
        projectFallback: [RoutingRule] = []
    ) {
        self.project = project
        self.subject = subject
        self.session = session
        self.autoArchive = autoArchive
        self.projectFallback = projectFallback
    }

    /// Parses a multi-line configuration value: one rule per line; blank lines are skipped (XNAT rejects a line of
    /// only spaces, which is surely not what the person who typed it meant).
    package static func parse(_ text: String) throws(RoutingRuleError) -> [RoutingRule] {
        var rules: [RoutingRule] = []
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmingASCIIWhitespace().isEmpty {
            rules.append(try RoutingRule(String(line)))
        }
        return rules
    }

    /// The first non-empty result of `rules` for `dataSet`.
    static func firstValue(of rules: [RoutingRule], in dataSet: DataSet) -> String? {
        for rule in rules {
            if let value = rule.evaluate(dataSet) { return value }
        }
        return nil
    }
}
