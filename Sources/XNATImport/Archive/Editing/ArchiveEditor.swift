import Foundation
import Logging

/// Changes the archive the way XNAT's REST API lets clients do (`xnat-clients.md` §2.5, §8 tier D): creating
/// subjects, experiments, scans and resources, adding and removing resource files, deleting objects, and the
/// post-upload requests `pullDataFromHeaders`, `fixScanTypes` and `triggerPipelines`.
///
/// Every change to a session takes the lock archiving takes (one per project and label), reads the session
/// document, and writes files first, then catalogs, then the document, each atomically (``AtomicFile``); all checks
/// run before the first write, so a refused request changes nothing. Catalog digests and sizes are computed from the
/// bytes written, so catalogs stay true on every write.
package final class ArchiveEditor: Sendable {
    /// The archive whose sessions this edits; its locks, store, clock and pipelines are shared.
    package let archive: ArchiveService

    /// An editor of `archive`.
    package init(archive: ArchiveService) {
        self.archive = archive
    }

    var store: any MetadataStore { archive.store }
    var layout: ArchiveLayout { archive.layout }
    var logger: Logger { archive.logger }
    var clock: @Sendable () -> Date { archive.clock }

    /// Runs `body` holding the lock archiving takes for the experiment's project and label.
    func withLock<Value: Sendable>(
        _ experiment: ArchivedExperiment,
        _ body: @Sendable () async throws -> Value
    ) async throws -> Value {
        try await archive.experimentLocks.withLock(experiment.project + "/" + experiment.label.lowercased(), body)
    }

    /// The experiment's session folder.
    func sessionFolder(_ experiment: ArchivedExperiment) throws -> URL {
        try layout.sessionFolder(project: experiment.project, label: experiment.label)
    }

    /// Reads the experiment's session document. Blocking IO.
    func readDocument(_ experiment: ArchivedExperiment) throws -> SessionDocument {
        let url = try layout.sessionDocument(project: experiment.project, label: experiment.label)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImportError(.serverFailure, "The session document of \(experiment.id) cannot be read")
        }
        return try SessionDocument(xml: data)
    }

    /// Writes the experiment's session document atomically. Blocking IO.
    func writeDocument(_ document: SessionDocument, of experiment: ArchivedExperiment) throws {
        let url = try layout.sessionDocument(project: experiment.project, label: experiment.label)
        try AtomicFile.write(document.xmlData(), to: url)
    }

    /// Records that the experiment's contents changed now.
    func touch(_ experiment: ArchivedExperiment, document: SessionDocument? = nil) async throws -> ArchivedExperiment {
        var changed = experiment
        changed.lastModified = clock()
        if let document {
            changed.uid = document.uid
            changed.date = document.date
        }
        try await store.saveExperiment(changed)
        return changed
    }
}

/// Whether a `PUT` made a new object or found (and updated) an existing one: XNAT answers 201 or 200.
package enum WriteOutcome: Sendable, Equatable {
    /// The object did not exist and was created.
    case created
    /// The object existed; its fields were updated.
    case updated
}
