import Foundation

extension ArchiveService {
    /// Starts the site's AutoRun actions for a session just archived (§6.6) and returns without waiting for them;
    /// does nothing when none are configured. Never throws: a failing action only records a FAILED run.
    func launchPipelines(experiment: ArchivedExperiment, subjectLabel: String, folder: URL) async {
        guard let pipelines, !pipelines.configuration.isEmpty else { return }
        await pipelines.launch(
            PipelineSession(
                experimentID: experiment.id,
                project: experiment.project,
                subject: subjectLabel,
                label: experiment.label,
                folder: folder
            )
        )
    }
}
