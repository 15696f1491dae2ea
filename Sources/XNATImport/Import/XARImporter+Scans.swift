import Foundation
import Logging

extension XARImporter {
    /// A scan XAR (`xnat-import-spec.md` §8): scan documents whose `image_session_ID` names an archived session
    /// (by ID); each scan is added to it, its resources' folders moved below `SCANS/<scan ID>/` and their URIs
    /// prefixed to match. A scan ID the session has is 409, unless `overwrite=delete` (or `override`) replaces it.
    /// The answer is the session's `/data/archive/experiments/<ID>`.
    func importScans(
        _ scans: [(URL, SessionDocument.Scan)],
        root: URL,
        parameters: [String: String],
        user: User
    ) async throws -> [String] {
        let sessionID = scans.first?.1.imageSessionID ?? ""
        guard !sessionID.isEmpty, let experiment = try await store.experiment(id: sessionID) else {
            throw ImportError(.invalidRequest, "Could not process XAR file - Invalid session \(sessionID).")
        }
        try await AccessService(store: store).require(.edit, user, in: experiment.project)
        let overwrite = ["delete", "override"].contains(parameters["overwrite"]?.lowercased() ?? "")
        let editor = ArchiveEditor(archive: service.archive)
        return try await service.archive.experimentLocks.withLock(experiment.project + "/" + experiment.label.lowercased()) {
            var document = try await BlockingWork.run { try editor.readDocument(experiment) }
            let session = try editor.sessionFolder(experiment)
            var added: [SessionDocument.Scan] = []
            for (_, scan) in scans {
                let id = try PrearchivePathComponent.validated(scan.id, role: .scan)
                if document.scans.contains(where: { $0.id == id }), !overwrite {
                    throw ImportError(.conflict, "Scan \(id) already exists in \(experiment.label); use overwrite=delete")
                }
                var placed = scan
                placed.imageSessionID = experiment.id
                placed.project = experiment.project
                placed.resources = scan.resources.map { resource in
                    var moved = resource
                    moved.uri = "SCANS/\(id)/" + resource.uri
                    return moved
                }
                added.append(placed)
            }
            let finished = added
            try await BlockingWork.run {
                for scan in finished {
                    let target = session.appendingPathComponent("SCANS/\(scan.id)", isDirectory: true)
                    try? FileManager.default.removeItem(at: target)
                    for resource in scan.resources {
                        let relative = String(resource.uri.dropFirst("SCANS/\(scan.id)/".count))
                        let folder = (relative as NSString).deletingLastPathComponent
                        guard !folder.isEmpty else {
                            throw ImportError(.invalidRequest, "Scan resources must be in folders of their own: \(relative)")
                        }
                        let from = root.appendingPathComponent(folder, isDirectory: true)
                        let to = target.appendingPathComponent(folder, isDirectory: true)
                        if FileManager.default.fileExists(atPath: from.path) { try AtomicFile.move(from, to: to) }
                    }
                }
            }
            document.scans.removeAll { scan in finished.contains { $0.id == scan.id } }
            document.scans += finished
            let toWrite = document
            try await BlockingWork.run { try editor.writeDocument(toWrite, of: experiment) }
            _ = try await editor.touch(experiment)
            service.archive.logger.info(
                "Imported a scan XAR",
                metadata: ["experiment": "\(experiment.id)", "scans": "\(finished.map(\.id))", "login": "\(user.login)"]
            )
            return ["/data/archive/experiments/\(experiment.id)"]
        }
    }
}
