import Foundation

/// The record of one archive in flight, written before the archived session folder is replaced, so a restart after
/// a crash can finish it or roll it back (`ArchiveService.recover()`).
///
/// The steps: the new session folder is built beside the old one (`staging`, hard links to the old files and the
/// prearchive files), the journal is written, the old folder is renamed to `backup`, `staging` to `final`, then the
/// experiment row is saved, the prearchive session removed, `backup` and the journal deleted. While `staging` and
/// `final` both exist nothing has changed yet; once `staging` is gone or `final` is, the new state wins.
struct ArchiveJournal: Codable, Sendable, Equatable {
    var staging: String
    var final: String
    var backup: String
    var prearchiveURL: String
    var experiment: Experiment

    /// The experiment row to save, in a form JSON can hold.
    struct Experiment: Codable, Sendable, Equatable {
        var id: String
        var project: String
        var subjectID: String
        var label: String
        var dataType: String
        var uid: String?
        var date: String?
        var isQuarantined: Bool
        var createdAt: Date
        var lastModified: Date

        init(_ experiment: ArchivedExperiment) {
            id = experiment.id
            project = experiment.project
            subjectID = experiment.subjectID
            label = experiment.label
            dataType = experiment.dataType
            uid = experiment.uid
            date = experiment.date
            isQuarantined = experiment.isQuarantined
            createdAt = experiment.createdAt
            lastModified = experiment.lastModified
        }

        var archived: ArchivedExperiment {
            ArchivedExperiment(
                id: id,
                project: project,
                subjectID: subjectID,
                label: label,
                dataType: dataType,
                uid: uid,
                date: date,
                isQuarantined: isQuarantined,
                createdAt: createdAt,
                lastModified: lastModified
            )
        }
    }

    func write(to url: URL) throws(StorageError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { throw StorageError(.write, path: url.path, reason: "encoding") }
        try AtomicFile.write(data, to: url)
    }

    static func read(from url: URL) -> ArchiveJournal? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(ArchiveJournal.self, from: data)
    }
}
