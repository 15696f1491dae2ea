import Foundation

/// Where a pipeline run is: running, or finished one way or the other.
package enum PipelineRunStatus: String, Sendable, CaseIterable {
    case running = "RUNNING"
    case complete = "COMPLETE"
    case failed = "FAILED"
}

/// One run of one AutoRun action for one archived session, as recorded in the metadata store.
package struct PipelineRun: Sendable, Equatable {
    /// A random UUID, lower case.
    package var id: String
    /// The archived experiment (`<site>_E00001`).
    package var experimentID: String
    /// A command or a webhook.
    package var action: PipelineAction.Kind
    /// The command's path or the webhook's URL.
    package var target: String
    /// When the run was launched, then when it got a slot and started.
    package var startedAt: Date
    /// When it finished; `nil` while it runs.
    package var finishedAt: Date?
    /// RUNNING, COMPLETE or FAILED.
    package var status: PipelineRunStatus
    /// For a command its exit status and the last 4 KiB of its output; for a webhook the HTTP status and the start
    /// of the response body; or why the action could not run.
    package var detail: String

    /// Creates a run record.
    package init(
        id: String = UUID().uuidString.lowercased(),
        experimentID: String,
        action: PipelineAction.Kind,
        target: String,
        startedAt: Date,
        finishedAt: Date? = nil,
        status: PipelineRunStatus = .running,
        detail: String = ""
    ) {
        self.id = id
        self.experimentID = experimentID
        self.action = action
        self.target = target
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.detail = detail
    }
}

/// The archived session an action runs for: what a command finds in its environment and a webhook in its JSON body.
package struct PipelineSession: Sendable, Equatable {
    /// The experiment ID.
    package var experimentID: String
    /// The project ID.
    package var project: String
    /// The subject's label.
    package var subject: String
    /// The session's label.
    package var label: String
    /// The archived session's folder.
    package var folder: URL

    /// Creates the details.
    package init(experimentID: String, project: String, subject: String, label: String, folder: URL) {
        self.experimentID = experimentID
        self.project = project
        self.subject = subject
        self.label = label
        self.folder = folder
    }

    /// `/data/archive/projects/P/subjects/S/experiments/E`.
    package var uri: String {
        "/data" + ArchiveLayout.uri(project: project, subjectLabel: subject, label: label)
    }

    /// The variables a command gets: `SLUICE_SESSION_URI`, `SLUICE_PROJECT`, `SLUICE_SUBJECT`,
    /// `SLUICE_SESSION_LABEL`, `SLUICE_EXPERIMENT_ID` and `SLUICE_SESSION_PATH`.
    package var environment: [String: String] {
        [
            "SLUICE_SESSION_URI": uri, "SLUICE_PROJECT": project, "SLUICE_SUBJECT": subject,
            "SLUICE_SESSION_LABEL": label, "SLUICE_EXPERIMENT_ID": experimentID, "SLUICE_SESSION_PATH": folder.path,
        ]
    }

    /// The JSON a webhook gets: the same fields, named like the variables without `SLUICE_` and in lower case
    /// (`session_uri`, `project`, `subject`, `session_label`, `experiment_id`, `session_path`).
    package func json() -> Data {
        var fields: [String: String] = [:]
        for (name, value) in environment {
            fields[String(name.dropFirst("SLUICE_".count)).lowercased()] = value
        }
        return (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
