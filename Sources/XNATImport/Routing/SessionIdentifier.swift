import DICOM

/// The object identifier of gradual-DICOM, DICOM-zip and the C-STORE receiver: DICOM header + request
/// parameters → project, subject and session label (`xnat-import-spec.md` §3.1; dicom-xnat
/// `CompositeDicomObjectIdentifier`). Each field takes the first non-empty value of its chain:
///
/// | field | chain | default |
/// |---|---|---|
/// | project | parameter → project rules → `Project:` in (0010,4000), (0032,4000), (0010,21B0) → StudyDescription → AccessionNumber → rules file, each only if it resolves | Unassigned |
/// | subject | parameter → subject rules → `Subject:` in the three comments → PatientName as written (`Doe^John`) | none |
/// | session | parameter → session rules → `Session:` in the three comments → PatientID | `dicom_upload` |
/// | auto-archive | AA rules → `AA:` in the three comments | project setting |
///
/// Labels become `[A-Za-z0-9_-]` (`LabelSanitizer.label`): `Sample Patient` → `Sample_Patient`. XNAT cleans
/// only labels taken from DICOM and stores requested labels as sent; we clean requested subject, session,
/// folder and timestamp values too, because they become directory names (`../x` must not escape the
/// prearchive) and XNAT cleans labels at archive time anyway, so prearchive and archive agree.
///
/// A requested project that resolves to nothing falls through to the headers without an error, as in XNAT
/// (spec §14 quirk 7): clients rely on it, and the response URI shows where the data went.
///
/// The SI importer and session rebuilds use the same chains (§3.5, `LabelType`) without the rules file: give
/// them an identifier whose `rules.projectFallback` is empty. XNAT's SI takes StudyDescription and
/// AccessionNumber there without checking that the project exists (§14 quirk 8, XNAT-6469); resolving the
/// candidates with `identify(_:explicit:resolveProject:)` fixes that.
package struct SessionIdentifier: Sendable {
    /// The site's custom routing rules (§3.4); empty by default.
    package var rules: RoutingRules

    /// An identifier applying `rules` before the header defaults.
    package init(rules: RoutingRules = RoutingRules()) {
        self.rules = rules
    }

    /// The project candidates for `dataSet`, in the order they must be tried.
    package func projectCandidates(in dataSet: DataSet, explicit: ExplicitRouting) -> [ProjectCandidate] {
        var candidates: [ProjectCandidate] = []
        if let project = explicit.project { candidates.append(ProjectCandidate(value: project, source: .parameter)) }
        for rule in rules.project {
            if let value = rule.evaluate(dataSet) {
                candidates.append(ProjectCandidate(value: value, source: .routingRule))
            }
        }
        for tag in ContainedAssignment.sourceTags {
            if let text = dataSet.elementText(tag), let value = ContainedAssignment.value(of: .project, in: text) {
                candidates.append(ProjectCandidate(value: value, source: .containedAssignment(tag)))
            }
        }
        if let value = dataSet.elementText(.studyDescription)?.trimmingASCIIWhitespace() {
            candidates.append(ProjectCandidate(value: value, source: .studyDescription))
        }
        if let value = dataSet.elementText(.accessionNumber)?.trimmingASCIIWhitespace() {
            candidates.append(ProjectCandidate(value: value, source: .accessionNumber))
        }
        for rule in rules.projectFallback {
            if let value = rule.evaluate(dataSet) {
                candidates.append(ProjectCandidate(value: value, source: .projectRulesFile))
            }
        }
        return candidates
    }

    /// Identifies `dataSet`, resolving project candidates in order with `resolveProject`, which answers the
    /// project ID a candidate names (by ID or alias) or `nil`.
    package func identify(
        _ dataSet: DataSet,
        explicit: ExplicitRouting,
        resolveProject: (ProjectCandidate) -> String?
    ) -> SessionIdentity {
        let project = projectCandidates(in: dataSet, explicit: explicit).lazy.compactMap(resolveProject).first
        return identify(dataSet, explicit: explicit, project: project)
    }

    /// Identifies `dataSet` once the project is known (`nil` for Unassigned).
    package func identify(_ dataSet: DataSet, explicit: ExplicitRouting, project: String?) -> SessionIdentity {
        let subject =
            (explicit.subject ?? headerValue(.subject, rules: rules.subject, fallback: .patientName, in: dataSet))
            .flatMap(LabelSanitizer.label)
        let session =
            (explicit.sessionLabel ?? headerValue(.session, rules: rules.session, fallback: .patientID, in: dataSet))
            .flatMap(LabelSanitizer.label) ?? DefaultLabel.session.rawValue
        return SessionIdentity(
            project: project,
            subject: subject,
            sessionLabel: session,
            prearchiveFolder: explicit.prearchiveFolder.flatMap(LabelSanitizer.label) ?? session,
            prearchiveTimestamp: explicit.prearchiveTimestamp.flatMap(LabelSanitizer.label),
            autoArchive: project == nil ? nil : autoArchiveRequest(in: dataSet)
        )
    }

    /// The auto-archive request of `dataSet`: the first AA rule or `AA:` assignment with a value decides, and a
    /// value other than `t`/`true`/`f`/`false` means no opinion (XNAT does not look further either).
    package func autoArchiveRequest(in dataSet: DataSet) -> AutoArchiveRequest? {
        headerValue(.autoArchive, rules: rules.autoArchive, fallback: nil, in: dataSet).flatMap(AutoArchiveRequest.init)
    }

    private func headerValue(
        _ key: ContainedAssignment.Key,
        rules: [RoutingRule],
        fallback: Tag?,
        in dataSet: DataSet
    ) -> String? {
        if let value = RoutingRules.firstValue(of: rules, in: dataSet) { return value }
        if let (value, _) = ContainedAssignment.value(of: key, in: dataSet) { return value }
        return fallback.flatMap(dataSet.elementText)
    }
}
