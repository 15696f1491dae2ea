import Foundation
import Logging

/// A file to add to a resource: staged on the archive's file system, then moved into place by
/// ``ArchiveEditor/addFiles(_:owner:resource:uploads:options:)``. Files that are not placed stay where they are; the
/// caller removes them.
package struct ResourceUpload: Sendable, Equatable {
    /// Where the file goes, relative to the resource folder.
    package var path: ResourcePath
    /// The staged file.
    package var file: URL

    /// An upload of `file` to `path`.
    package init(path: ResourcePath, file: URL) {
        self.path = path
        self.file = file
    }
}

/// How files are added to a resource (`…/files/{path}?overwrite=&format=&content=`).
package struct ResourceFileOptions: Sendable, Equatable {
    /// Whether a file of the same path may be replaced (`overwrite=true`); otherwise that is a 409.
    package var overwrite: Bool
    /// `format` of new catalog entries and of a resource created for the upload.
    package var format: String?
    /// `content` of new catalog entries and of a resource created for the upload.
    package var content: String?
    /// Who adds the files, recorded as `createdBy`.
    package var user: String

    /// Options with the given values.
    package init(overwrite: Bool = false, format: String? = nil, content: String? = nil, user: String) {
        self.overwrite = overwrite
        self.format = format
        self.content = content
        self.user = user
    }
}

extension ArchiveEditor {
    /// Adds `uploads` to resource `label` of `owner`, creating the resource if it does not exist (as XNAT does),
    /// and answers the catalog entries written. Each file's MD5 and size are computed from its bytes.
    ///
    /// - Throws: ``ImportError`` 404 for an unknown scan, 409 when a file exists and `overwrite` is off, 400 for
    ///   two uploads to one path or a path that is the catalog's own; nothing changes then.
    package func addFiles(
        _ experiment: ArchivedExperiment,
        owner: ResourceOwner,
        resource label: String,
        uploads: [ResourceUpload],
        options: ResourceFileOptions
    ) async throws -> [CatalogDocument.Entry] {
        guard !uploads.isEmpty else { throw ImportError(.invalidRequest, "No files to add") }
        return try await withLock(experiment) {
            let session = try self.sessionFolder(experiment)
            var document = try await BlockingWork.run { try self.readDocument(experiment) }
            guard document.resources(of: owner) != nil else { throw ImportError(.notFound, "Scan \(owner) not found") }
            var resource: SessionDocument.Resource
            var catalog: CatalogDocument
            let isNew: Bool
            if let existing = document.resource(label, of: owner) {
                resource = existing
                catalog = try await BlockingWork.run { try Self.readCatalog(of: existing, in: session) }
                isNew = false
            } else {
                (resource, catalog) = try Self.newResource(
                    owner: owner, label: label, format: options.format, content: options.content, description: nil
                )
                isNew = true
            }
            let catalogURL = try Self.contained(resource.uri, in: session)
            let folder = catalogURL.deletingLastPathComponent()
            let plan = try Self.planPlacement(uploads, catalog: catalog, catalogName: catalogURL.lastPathComponent, options: options)
            let now = self.clock()
            let startCatalog = catalog
            let (written, finalCatalog) = try await BlockingWork.run {
                var catalog = startCatalog
                let written = try Self.place(plan, in: folder, catalog: &catalog, options: options, at: now)
                return (written, catalog)
            }
            catalog = finalCatalog
            try await BlockingWork.run { try AtomicFile.write(finalCatalog.xmlData(), to: catalogURL) }
            resource.fileCount = catalog.entries.count
            resource.fileSize = catalog.entries.reduce(0) { $0 + ($1.sizeInBytes ?? 0) }
            let updated = resource
            document.updateResources(of: owner) { resources in
                if isNew {
                    resources.append(updated)
                } else if let index = resources.firstIndex(where: { $0.uri == updated.uri }) {
                    resources[index] = updated
                }
            }
            let toWrite = document
            try await BlockingWork.run { try self.writeDocument(toWrite, of: experiment) }
            _ = try await self.touch(experiment)
            self.logger.info(
                "Added files to a resource",
                metadata: [
                    "experiment": "\(experiment.id)", "resource": "\(resource.label ?? "")", "files": "\(written.count)",
                ]
            )
            return written
        }
    }

    /// An upload checked against the catalog: the entry it replaces, if any.
    struct Placement {
        var upload: ResourceUpload
        var replacing: Int?
    }

    /// Checks every upload before anything is written.
    static func planPlacement(
        _ uploads: [ResourceUpload],
        catalog: CatalogDocument,
        catalogName: String,
        options: ResourceFileOptions
    ) throws(ImportError) -> [Placement] {
        var seen: Set<String> = []
        var plan: [Placement] = []
        for upload in uploads {
            let path = upload.path.description
            guard seen.insert(path).inserted else {
                throw ImportError(.invalidRequest, "The upload names \(path) twice")
            }
            guard path != catalogName else {
                throw ImportError(.invalidRequest, "\(path) is the name of the resource's catalog")
            }
            let index = catalog.entries.firstIndex { $0.uri == path }
            if index != nil, !options.overwrite {
                throw ImportError(.conflict, "File already exists: \(path). Use overwrite=true to replace it.")
            }
            plan.append(Placement(upload: upload, replacing: index))
        }
        return plan
    }

    /// Moves each upload into `folder` and records it in `catalog`. Blocking IO.
    static func place(
        _ plan: [Placement],
        in folder: URL,
        catalog: inout CatalogDocument,
        options: ResourceFileOptions,
        at date: Date
    ) throws -> [CatalogDocument.Entry] {
        let time = catalogTime(date)
        var written: [CatalogDocument.Entry] = []
        for placement in plan {
            let path = placement.upload.path.description
            let (digest, size) = try FileDigest.md5(of: placement.upload.file)
            let target = folder.appendingPathComponent(path, isDirectory: false)
            try AtomicFile.move(placement.upload.file, to: target)
            var entry: CatalogDocument.Entry
            if let index = placement.replacing {
                entry = catalog.entries[index]
                entry.modifiedTime = time
                entry.modifiedBy = options.user
            } else {
                entry = CatalogDocument.Entry(kind: .plain, uri: path)
                entry.id = path
                entry.name = placement.upload.path.components.last
                entry.createdTime = time
                entry.createdBy = options.user
            }
            entry.digest = digest
            entry.sizeInBytes = size
            if let format = options.format { entry.format = format }
            if let content = options.content { entry.content = content }
            if let index = placement.replacing {
                catalog.entries[index] = entry
            } else {
                catalog.entries.append(entry)
            }
            written.append(entry)
        }
        return written
    }

    /// `yyyy-MM-dd'T'HH:mm:ss.SSS`, as XNAT writes catalog times.
    static func catalogTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS"
        return formatter.string(from: date)
    }

    /// The catalog `resource` points to. Blocking IO.
    static func readCatalog(of resource: SessionDocument.Resource, in session: URL) throws -> CatalogDocument {
        let url = try contained(resource.uri, in: session)
        guard let data = try? Data(contentsOf: url) else {
            throw ImportError(.serverFailure, "The catalog of resource \(resource.label ?? "") cannot be read")
        }
        return try CatalogDocument(xml: data)
    }

    /// `path` (relative to the session folder) as a URL, if it stays inside the folder; 500 otherwise (a document
    /// Sluice wrote never points outside).
    package static func contained(_ path: String, in session: URL) throws(ImportError) -> URL {
        let url = session.appendingPathComponent(path, isDirectory: false).standardizedFileURL
        let root = session.standardizedFileURL.path
        guard url.path.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw ImportError(.serverFailure, "A resource of the session points outside its folder")
        }
        return url
    }
}
