import Foundation

/// The requests clients send after uploading files into a session (`xnat-clients.md` §4 step 6, §7 xnat-ingest):
/// `PUT /data/experiments/{ID}?fixScanTypes=true` and `?triggerPipelines=true` (`pullDataFromHeaders` is in
/// `ArchiveEditor+Headers`).
extension ArchiveEditor {
    /// XNAT's `fixScanTypes`: every scan without a `type` takes its series description as its type. Answers the
    /// number of scans changed.
    package func fixScanTypes(_ experiment: ArchivedExperiment) async throws -> Int {
        try await withLock(experiment) {
            var document = try await BlockingWork.run { try self.readDocument(experiment) }
            var changed = 0
            for index in document.scans.indices where (document.scans[index].type ?? "").isEmpty {
                guard let description = document.scans[index].seriesDescription, !description.isEmpty else { continue }
                document.scans[index].type = description
                changed += 1
            }
            guard changed > 0 else { return 0 }
            let toWrite = document
            try await BlockingWork.run { try self.writeDocument(toWrite, of: experiment) }
            _ = try await self.touch(experiment)
            return changed
        }
    }

    /// Runs the site's and the project's AutoRun actions for the experiment now, as archiving with
    /// `triggerPipelines=true` does (§6.6).
    package func triggerPipelines(_ experiment: ArchivedExperiment) async throws {
        let subject = try await store.subject(id: experiment.subjectID)
        await archive.launchPipelines(
            experiment: experiment,
            subjectLabel: subject?.label ?? experiment.subjectID,
            folder: try sessionFolder(experiment)
        )
    }
}
