/// The destination a request names itself, before any DICOM header is read (`xnat-import-spec.md` §2.1, §2.2,
/// §3.1 "1st" column).
///
/// One precedence for every handler, the one DICOM-zip applies (it copies the `dest` path variables over
/// `PROJECT_ID`/`SUBJECT_ID`/`EXPT_LABEL`, then the lower-case aliases over those):
///
/// | field | 1st | 2nd | 3rd |
/// |---|---|---|---|
/// | project | `project` | `dest` project | `PROJECT_ID` |
/// | subject | `subject` | `dest` subject | `SUBJECT_ID` |
/// | session label | `session` | `dest` experiment (resolved label) | `EXPT_LABEL` |
/// | prearchive timestamp | `dest` timestamp | `PREARC_TIMESTAMP` | — |
/// | prearchive folder | `dest` folder | `PREARC_SESSION_FOLDER` | — |
///
/// Deliberate differences from XNAT, which a user would expect: gradual-DICOM honours the aliases and the whole
/// `dest` too (XNAT's gradual-DICOM reads only `PROJECT_ID`, then the project of `dest`, so xnatpy's
/// `project=…&subject=…&session=…` would be ignored); and an empty or blank value counts as absent (xnatctl
/// sends `PROJECT_ID=&SUBJECT_ID=&EXPT_LABEL=`; XNAT would use the empty string as the label). Values are
/// trimmed; labels are made safe later by `SessionIdentifier`.
package struct ExplicitRouting: Sendable, Equatable {
    /// Project ID or alias, still to be resolved to a project.
    package var project: String?
    /// Subject label as requested.
    package var subject: String?
    /// Session label as requested (or the resolved `dest` experiment).
    package var sessionLabel: String?
    /// Prearchive timestamp directory as requested.
    package var prearchiveTimestamp: String?
    /// Prearchive session folder as requested.
    package var prearchiveFolder: String?
    /// The parsed `dest`, when there was one.
    package var destination: ImportDestination?

    /// Routing with the given values; all absent by default.
    package init(
        project: String? = nil,
        subject: String? = nil,
        sessionLabel: String? = nil,
        prearchiveTimestamp: String? = nil,
        prearchiveFolder: String? = nil,
        destination: ImportDestination? = nil
    ) {
        self.project = project
        self.subject = subject
        self.sessionLabel = sessionLabel
        self.prearchiveTimestamp = prearchiveTimestamp
        self.prearchiveFolder = prearchiveFolder
        self.destination = destination
    }

    /// Reads the routing parameters of a request (first value of each key).
    ///
    /// - Parameter destinationExperimentLabel: the label of the existing experiment that the `dest` experiment
    ///   names by ID or label, when the caller found one; otherwise the `dest` experiment itself is the label.
    /// - Throws: `ImportDestinationError` when `dest` is present but malformed.
    package init(parameters: [String: String], destinationExperimentLabel: String? = nil) throws(ImportDestinationError)
    {
        func value(_ parameter: RoutingParameter) -> String? {
            let text = parameters[parameter.rawValue]?.trimmingASCIIWhitespace() ?? ""
            return text.isEmpty ? nil : text
        }
        var destination: ImportDestination?
        if let text = value(.destination) {
            guard let parsed = ImportDestination(text) else { throw ImportDestinationError(value: text) }
            destination = parsed
        }
        let experiment = destination?.experiment.map { destinationExperimentLabel ?? $0 }
        self.init(
            project: value(.project) ?? destination?.project ?? value(.projectID),
            subject: value(.subject) ?? destination?.subject ?? value(.subjectID),
            sessionLabel: value(.session) ?? experiment ?? value(.experimentLabel),
            prearchiveTimestamp: destination?.timestamp ?? value(.prearchiveTimestamp),
            prearchiveFolder: destination?.folder ?? value(.prearchiveFolder),
            destination: destination
        )
    }
}

/// A `dest` parameter that is not an archive or prearchive URI; XNAT answers 400 with `description`.
package struct ImportDestinationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter value as received.
    package var value: String

    /// The error for a `dest` value.
    package init(value: String) {
        self.value = value
    }

    /// The message XNAT answers with.
    package var description: String { "Parameter dest format error" }
}
