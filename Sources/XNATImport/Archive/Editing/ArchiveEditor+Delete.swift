import Foundation
import Logging

/// `DELETE` of experiments, scans, resources and files (`xnat-clients.md` §2.5, §8).
extension ArchiveEditor {
    /// The folder deleted experiments are kept in when `removeFiles` is not set:
    /// `<archive>/.removed/<project>/<label>-<time>`.
    static let removedFolderName = ".removed"

    /// Deletes an experiment. With `removeFiles` its folder is deleted; without, it is moved to
    /// `<archive>/.removed/<project>/` (XNAT leaves the files of a deleted experiment on disk; Sluice moves them out
    /// of the way so the label can be used again).
    package func deleteExperiment(_ experiment: ArchivedExperiment, removeFiles: Bool) async throws {
        try await withLock(experiment) {
            let folder = try self.sessionFolder(experiment)
            let stamp = Int(self.clock().timeIntervalSince1970 * 1000)
            let parked = self.layout.root.appendingPathComponent(Self.removedFolderName, isDirectory: true)
                .appendingPathComponent(experiment.project, isDirectory: true)
                .appendingPathComponent("\(experiment.label)-\(stamp)", isDirectory: true)
            let exists = FileManager.default.fileExists(atPath: folder.path)
            if exists { try await BlockingWork.run { try AtomicFile.move(folder, to: parked) } }
            do {
                _ = try await self.store.deleteExperiment(id: experiment.id)
            } catch {
                if exists { try? await BlockingWork.run { try AtomicFile.move(parked, to: folder) } }
                throw error
            }
            if removeFiles, exists {
                try await BlockingWork.run { try FileManager.default.removeItem(at: parked) }
            }
            self.logger.info(
                "Deleted an experiment",
                metadata: ["experiment": "\(experiment.id)", "removeFiles": "\(removeFiles)"]
            )
        }
    }

    /// Deletes a subject and, as XNAT does, its experiments first (each as ``deleteExperiment(_:removeFiles:)``).
    package func deleteSubject(_ subject: ArchivedSubject, removeFiles: Bool) async throws {
        for experiment in try await store.experiments(project: subject.project) where experiment.subjectID == subject.id {
            try await deleteExperiment(experiment, removeFiles: removeFiles)
        }
        _ = try await store.deleteSubject(id: subject.id)
        logger.info("Deleted a subject", metadata: ["subject": "\(subject.id)", "removeFiles": "\(removeFiles)"])
    }

    /// Deletes a scan from the session document and its `SCANS/<id>` folder.
    package func deleteScan(_ experiment: ArchivedExperiment, id: String) async throws {
        try await withLock(experiment) {
            var document = try await BlockingWork.run { try self.readDocument(experiment) }
            guard let index = document.scans.firstIndex(where: { $0.id == id }) else {
                throw ImportError(.notFound, "Scan \(id) not found")
            }
            document.scans.remove(at: index)
            let toWrite = document
            let session = try self.sessionFolder(experiment)
            let folder = session.appendingPathComponent("SCANS", isDirectory: true)
                .appendingPathComponent(try PrearchivePathComponent.validated(id, role: .scan), isDirectory: true)
            try await BlockingWork.run {
                try self.writeDocument(toWrite, of: experiment)
                try? FileManager.default.removeItem(at: folder)
            }
            _ = try await self.touch(experiment)
        }
    }

    /// Deletes a resource from the session document and its folder (the folder of its catalog, when that is a
    /// resource's own folder).
    package func deleteResource(_ experiment: ArchivedExperiment, owner: ResourceOwner, label: String) async throws {
        try await withLock(experiment) {
            var document = try await BlockingWork.run { try self.readDocument(experiment) }
            guard document.resources(of: owner) != nil else { throw ImportError(.notFound, "Scan \(owner) not found") }
            guard let resource = document.resource(label, of: owner) else {
                throw ImportError(.notFound, "Resource \(label) not found")
            }
            document.updateResources(of: owner) { $0.removeAll { $0 == resource } }
            let session = try self.sessionFolder(experiment)
            let catalogURL = try Self.contained(resource.uri, in: session)
            let folder = catalogURL.deletingLastPathComponent()
            // Only a folder at least two levels down (RESOURCES/R, SCANS/1/DICOM) is the resource's own.
            let depth = folder.pathComponents.count - session.standardizedFileURL.pathComponents.count
            let ownFolder = depth >= (owner == .session ? 2 : 3) && resource.kind == .catalog
            let found = resource
            let catalog = try? await BlockingWork.run { try Self.readCatalog(of: found, in: session) }
            let toWrite = document
            try await BlockingWork.run {
                try self.writeDocument(toWrite, of: experiment)
                if ownFolder {
                    try? FileManager.default.removeItem(at: folder)
                } else {
                    for entry in catalog?.entries ?? [] {
                        if let file = try? Self.contained(entry.uri, in: folder) { try? FileManager.default.removeItem(at: file) }
                    }
                    try? FileManager.default.removeItem(at: catalogURL)
                }
            }
            _ = try await self.touch(experiment)
        }
    }

    /// Deletes one file of a resource, named by its path in the catalog or its file name.
    package func deleteFile(
        _ experiment: ArchivedExperiment,
        owner: ResourceOwner,
        resource label: String,
        path: String
    ) async throws {
        try await withLock(experiment) {
            var document = try await BlockingWork.run { try self.readDocument(experiment) }
            guard document.resources(of: owner) != nil else { throw ImportError(.notFound, "Scan \(owner) not found") }
            guard var resource = document.resource(label, of: owner) else {
                throw ImportError(.notFound, "Resource \(label) not found")
            }
            let session = try self.sessionFolder(experiment)
            let catalogURL = try Self.contained(resource.uri, in: session)
            let found = resource
            var catalog = try await BlockingWork.run { try Self.readCatalog(of: found, in: session) }
            let index =
                catalog.entries.firstIndex { $0.uri == path }
                ?? catalog.entries.firstIndex { $0.uri.split(separator: "/").last.map(String.init) == path }
            guard let index else { throw ImportError(.notFound, "File \(path) not found") }
            let entry = catalog.entries.remove(at: index)
            let file = try Self.contained(entry.uri, in: catalogURL.deletingLastPathComponent())
            let old = resource
            resource.fileCount = catalog.entries.count
            resource.fileSize = catalog.entries.reduce(0) { $0 + ($1.sizeInBytes ?? 0) }
            let updated = resource
            document.updateResources(of: owner) { resources in
                if let position = resources.firstIndex(of: old) { resources[position] = updated }
            }
            let finalCatalog = catalog
            let toWrite = document
            try await BlockingWork.run {
                try AtomicFile.write(finalCatalog.xmlData(), to: catalogURL)
                try self.writeDocument(toWrite, of: experiment)
                try? FileManager.default.removeItem(at: file)
            }
            _ = try await self.touch(experiment)
        }
    }
}
