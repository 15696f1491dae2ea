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
        let folder = Self.extractionFolder(beside: archive)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (uploads, result) = try await BlockingWork.run { try Self.extract(archive, into: folder, below: path) }
        guard !uploads.isEmpty else {
            let skipped = result.skipped.map(\.entryPath).prefix(5).joined(separator: ", ")
            throw ImportError(
                .invalidRequest,
                "The archive \(path) holds no files to extract" + (skipped.isEmpty ? "" : " (skipped: \(skipped))")
            )
        }
        return try await addFiles(experiment, owner: owner, resource: label, uploads: uploads, options: options)
    }

    /// A new hidden folder beside `archive` to unpack it into; the caller deletes it.
    package static func extractionFolder(beside archive: URL) -> URL {
        archive.deletingLastPathComponent()
            .appendingPathComponent(".sluice-extract-\(UUID().uuidString)", isDirectory: true)
    }

    /// Unpacks `archive` into `folder` with ``resourceExtractionLimits`` and answers each file as an upload whose
    /// path lies below the folder of `path` (`files/upload.tar.gz` → the top), with what the extractor reported.
    /// Blocking IO.
    ///
    /// - Throws: ``ImportError`` 400 `Cannot extract <path>: …` when the upload is not a safe archive.
    package static func extract(
        _ archive: URL,
        into folder: URL,
        below path: ResourcePath
    ) throws -> ([ResourceUpload], ExtractionResult) {
        let result: ExtractionResult
        do {
            result = try ArchiveExtractor(limits: resourceExtractionLimits).extract(upload: archive, into: folder)
        } catch let error as UnpackError {
            throw ImportError(.invalidRequest, "Cannot extract \(path): \(error.message)")
        }
        let base = Array(path.components.dropLast())
        let uploads = try result.files.map { file in
            ResourceUpload(
                path: try ResourcePath(file.path).prefixed(by: base),
                file: folder.appendingPathComponent(file.path, isDirectory: false)
            )
        }
        return (uploads, result)
    }
}
