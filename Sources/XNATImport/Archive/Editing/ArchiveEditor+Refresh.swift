import Foundation

/// Catalog refresh (`xnat-import-spec.md` §11): make catalogs agree with the files in their folders again, after
/// files were added to or removed from an archived resource by hand.
extension ArchiveEditor {
    /// Refreshes the catalogs `scope` covers in the experiment, under its lock, and answers what changed per
    /// resource. A changed catalog is rewritten atomically with an `AUDIT` meta field; with `populateStats` the
    /// session document's `file_count` and `file_size` are updated too.
    ///
    /// - Throws: ``ImportError`` 404 for an unknown scan or resource.
    package func refreshCatalogs(
        _ experiment: ArchivedExperiment,
        scope: CatalogRefreshScope,
        operations: CatalogRefreshOperations
    ) async throws -> [CatalogRefreshSummary] {
        try await withLock(experiment) {
            let session = try self.sessionFolder(experiment)
            var document = try await BlockingWork.run { try self.readDocument(experiment) }
            let targets = try Self.refreshTargets(scope, in: document)
            var summaries: [CatalogRefreshSummary] = []
            for (owner, resource) in targets where resource.kind == .catalog {
                let (summary, updated) = try await BlockingWork.run {
                    try Self.refresh(resource, in: session, operations: operations, at: self.clock())
                }
                summaries.append(summary)
                if updated != resource {
                    document.updateResources(of: owner) { resources in
                        if let index = resources.firstIndex(of: resource) { resources[index] = updated }
                    }
                }
            }
            let toWrite = document
            if summaries.contains(where: \.changedCatalog) || operations.contains(.populateStats) {
                try await BlockingWork.run { try self.writeDocument(toWrite, of: experiment) }
                _ = try await self.touch(experiment)
            }
            return summaries
        }
    }

    /// The resources `scope` names, with their owners.
    static func refreshTargets(
        _ scope: CatalogRefreshScope,
        in document: SessionDocument
    ) throws(ImportError) -> [(ResourceOwner, SessionDocument.Resource)] {
        switch scope {
        case .session:
            return document.resources.map { (ResourceOwner.session, $0) }
                + document.scans.flatMap { scan in scan.resources.map { (ResourceOwner.scan(scan.id), $0) } }
        case .scan(let id):
            guard let resources = document.resources(of: .scan(id)) else {
                throw ImportError(.notFound, "Scan \(id) not found")
            }
            return resources.map { (ResourceOwner.scan(id), $0) }
        case .resource(let owner, let label):
            guard document.resources(of: owner) != nil else { throw ImportError(.notFound, "Scan \(owner) not found") }
            guard let resource = document.resource(label, of: owner) else {
                throw ImportError(.notFound, "Resource \(label) not found")
            }
            return [(owner, resource)]
        }
    }

    /// Refreshes one catalog on disk; answers the summary and the resource with new statistics. Blocking IO.
    static func refresh(
        _ resource: SessionDocument.Resource,
        in session: URL,
        operations: CatalogRefreshOperations,
        at date: Date
    ) throws -> (CatalogRefreshSummary, SessionDocument.Resource) {
        let catalogURL = try contained(resource.uri, in: session)
        let folder = catalogURL.deletingLastPathComponent()
        var catalog = try readCatalog(of: resource, in: session)
        var summary = CatalogRefreshSummary(resource: resource.label ?? "")
        if operations.contains(.delete) {
            let before = catalog.entries.count
            catalog.entries.removeAll { entry in
                guard let file = try? contained(entry.uri, in: folder) else { return true }
                return !FileManager.default.fileExists(atPath: file.path)
            }
            summary.removed = before - catalog.entries.count
        }
        if operations.contains(.append) {
            let listed = Set(catalog.entries.map(\.uri))
            for path in try filesBelow(folder) where !listed.contains(path) && path != catalogURL.lastPathComponent {
                var entry = CatalogDocument.Entry(kind: .plain, uri: path)
                entry.id = path
                entry.name = path.split(separator: "/").last.map(String.init)
                entry.createdTime = catalogTime(date)
                catalog.entries.append(entry)
                summary.added += 1
            }
        }
        if operations.contains(.checksum) || operations.contains(.populateStats) {
            for index in catalog.entries.indices {
                guard let file = try? contained(catalog.entries[index].uri, in: folder),
                    FileManager.default.fileExists(atPath: file.path)
                else { continue }
                var entry = catalog.entries[index]
                if operations.contains(.checksum) {
                    let (digest, size) = try FileDigest.md5(of: file)
                    entry.digest = digest
                    entry.sizeInBytes = size
                } else if let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber) {
                    entry.sizeInBytes = size.int64Value
                }
                if entry != catalog.entries[index] {
                    catalog.entries[index] = entry
                    summary.updated += 1
                }
            }
        }
        if summary.changedCatalog {
            catalog.metaFields.removeAll { $0.name == "AUDIT" }
            catalog.metaFields.append(
                CatalogDocument.MetaField(
                    name: "AUDIT",
                    value: "\(catalogTime(date)): refreshed, \(summary.added) added, \(summary.removed) removed, "
                        + "\(summary.updated) updated"
                )
            )
            try AtomicFile.write(catalog.xmlData(), to: catalogURL)
        }
        var updated = resource
        if operations.contains(.populateStats) || summary.changedCatalog {
            updated.fileCount = catalog.entries.count
            updated.fileSize = catalog.entries.reduce(0) { $0 + ($1.sizeInBytes ?? 0) }
        }
        return (summary, updated)
    }

    /// Paths of the regular files below `folder`, relative to it, sorted; hidden Sluice files and (unless
    /// `includingCatalogs`) catalogs (`*_catalog.xml`) are left out, links are not followed.
    static func filesBelow(_ folder: URL, includingCatalogs: Bool = false) throws -> [String] {
        guard let walker = FileManager.default.enumerator(
            at: folder,
            includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]
        ) else { return [] }
        let root = folder.standardizedFileURL.path
        var paths: [String] = []
        while let url = walker.nextObject() as? URL {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
            let name = url.lastPathComponent
            guard !name.hasPrefix(".sluice-"), includingCatalogs || !name.hasSuffix("_catalog.xml") else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(root + "/") else { continue }
            paths.append(String(path.dropFirst(root.count + 1)))
        }
        return paths.sorted()
    }
}
