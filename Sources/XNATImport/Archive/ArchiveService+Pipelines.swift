import Foundation
import Logging

extension ArchiveService {
    /// Starts the site's AutoRun actions and the project's webhook for a session just archived (§6.6) and returns
    /// without waiting for them; does nothing when none are configured. Never throws: a failing action only records
    /// a FAILED run, and a project webhook that cannot be read is logged and skipped.
    func launchPipelines(experiment: ArchivedExperiment, subjectLabel: String, folder: URL) async {
        guard let pipelines else { return }
        var projectWebhooks: [URL] = []
        if let project = try? ProjectID(experiment.project) {
            do {
                if let webhook = try await store.projectWebhook(project: project) { projectWebhooks.append(webhook) }
            } catch {
                logger.error(
                    "Could not read the project's AutoRun webhook; it does not run",
                    metadata: ["experiment": "\(experiment.id)", "error": "\(error)"]
                )
            }
        }
        guard !pipelines.configuration.isEmpty || !projectWebhooks.isEmpty else { return }
        await pipelines.launch(
            PipelineSession(
                experimentID: experiment.id,
                project: experiment.project,
                subject: subjectLabel,
                label: experiment.label,
                folder: folder
            ),
            extraWebhooks: projectWebhooks
        )
    }
}
