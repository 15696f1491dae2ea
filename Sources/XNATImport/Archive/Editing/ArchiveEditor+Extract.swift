import Foundation
import Unpacking

extension ArchiveEditor {
    /// The limits for `extract=true` uploads: the import limits, except that archives inside the upload are kept as
    /// files (a resource may hold zips), as XNAT does.
    static let resourceExtractionLimits: ExtractionLimits = {
        var limits = ExtractionLimits.default
        limits.opensNestedArchives = false
        return limits
    }()

    /// `…/files/{path}?extract=true`: unpacks the zip, tar or `.tar.gz` at `archive` next to it and adds its files
    /// to the resource, below the folder of `path` (so `files/upload.tar.gz` puts them at the resource's top).
    /// Links and other entries that are not files are skipped, never created.
    ///
    /// - Throws: ``ImportError`` 400 when the upload is not an archive, is unsafe (paths leaving the folder, bombs),
    ///   or holds no files (naming what was skipped); the errors of ``addFiles(_:owner:resource:uploads:options:)``.
    package func addArchive(
        _ experiment: ArchivedExperiment,
        owner: ResourceOwner,
        resource label: String,
        archive: URL,
        path: ResourcePath,
        options: ResourceFileOptions
    ) async throws -> [CatalogDocument.Entry] {
        let folder = archive.deletingLastPathComponent()
            .appendingPathComponent(".sluice-extract-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result: ExtractionResult
        do {
            result = try await BlockingWork.run {
                try ArchiveExtractor(limits: Self.resourceExtractionLimits).extract(upload: archive, into: folder)
            }
        } catch let error as UnpackError {
            throw ImportError(.invalidRequest, "Cannot extract \(path): \(error.message)")
        }
        guard !result.files.isEmpty else {
            let skipped = result.skipped.map(\.entryPath).prefix(5).joined(separator: ", ")
            throw ImportError(
                .invalidRequest,
                "The archive \(path) holds no files to extract" + (skipped.isEmpty ? "" : " (skipped: \(skipped))")
            )
        }
        let base = Array(path.components.dropLast())
        var uploads: [ResourceUpload] = []
        for file in result.files {
            let relative = try ResourcePath(file.path)
            uploads.append(
                ResourceUpload(
                    path: relative.prefixed(by: base),
                    file: folder.appendingPathComponent(file.path, isDirectory: false)
                )
            )
        }
        return try await addFiles(experiment, owner: owner, resource: label, uploads: uploads, options: options)
    }
}
