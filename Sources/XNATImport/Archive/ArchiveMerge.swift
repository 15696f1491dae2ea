/// A session's document with the catalogs its resources point to, keyed by their relative `URI`.
package struct SessionContents: Sendable, Equatable {
    /// The session document.
    package var document: SessionDocument
    /// Each scan resource's catalog, keyed by the resource's `URI` (`SCANS/4/DICOM/scan_4_catalog.xml`).
    package var catalogs: [String: CatalogDocument]

    /// Contents with the given parts.
    package init(document: SessionDocument, catalogs: [String: CatalogDocument]) {
        self.document = document
        self.catalogs = catalogs
    }
}

/// What archiving one prearchive session into a session folder does, worked out before any file is touched
/// (`xnat-import-spec.md` §6.3, §6.4): the merged document and catalogs, which incoming files go where, and which
/// archived files incoming ones replace.
package struct ArchiveMergePlan: Sendable, Equatable {
    /// An incoming file and its place in the archived session, both relative to their session folders.
    package struct Placement: Sendable, Equatable {
        package var from: String
        package var to: String
    }

    /// The merged session document.
    package var document: SessionDocument
    /// Every catalog of the merged session, keyed by its path relative to the session folder.
    package var catalogs: [String: CatalogDocument]
    /// Incoming files to add, in catalog order.
    package var placements: [Placement]
    /// Archived files replaced by incoming files under another name, to remove.
    package var removals: [String]
}

/// Merges an incoming (prearchive) session into an existing archived one, or lays out a new one (§6.4).
package enum ArchiveMerge {
    /// Plans the merge.
    ///
    /// - Parameters:
    ///   - incoming: the prearchive session's document and catalogs.
    ///   - existing: the archived session's, or `nil` for a new session.
    ///   - renames: scan-ID corrections (`ScanIDCorrection.plan`), incoming ID → archived ID.
    ///   - options: whether files may be replaced.
    /// - Throws: ``ImportError`` 409 "Duplicate DICOM file uploaded." when an incoming instance is archived
    ///   already and files may not be replaced; 409 "Session already exists with matching files." when an incoming
    ///   file has the name of another archived file.
    package static func plan(
        incoming: SessionContents,
        existing: SessionContents?,
        renames: [String: String],
        options: ArchiveOptions
    ) throws(ImportError) -> ArchiveMergePlan {
        var document = existing?.document ?? incoming.document
        if existing == nil { document.scans = [] }
        var catalogs = existing?.catalogs ?? [:]
        var placements: [ArchiveMergePlan.Placement] = []
        var removals: [String] = []
        let mergeOptions = CatalogDocument.MergeOptions(overwrite: options.overwriteFiles)
        for var scan in incoming.document.scans {
            let targetID = renames[scan.id] ?? scan.id
            let scanIndex = document.scans.firstIndex { $0.id == targetID }
            var merged = scanIndex.map { document.scans[$0] } ?? scan
            if scanIndex == nil {
                scan.id = targetID
                merged = scan
                merged.resources = []
            }
            for resource in scan.resources {
                guard let label = resource.label, let catalog = incoming.catalogs[resource.uri] else {
                    throw ImportError(
                        .invalidRequest,
                        "Scan \(scan.id) has a resource without a label or catalog (\(resource.uri))"
                    )
                }
                let targetURI = try catalogPath(scanID: targetID, label: label)
                let sourceFolder = folder(of: resource.uri)
                let targetFolder = folder(of: targetURI)
                let resourceIndex = merged.resources.firstIndex { $0.label == label }
                let previous = resourceIndex.flatMap { catalogs[merged.resources[$0].uri] }
                var result: CatalogDocument.MergeResult
                if let previous {
                    do {
                        result = try previous.merging(catalog, options: mergeOptions)
                    } catch {
                        throw ImportError(.conflict, "Duplicate DICOM file uploaded.")
                    }
                } else {
                    result = CatalogDocument.MergeResult(catalog: catalog, added: catalog.entries, replaced: [])
                }
                var taken = Set((previous?.entries ?? []).map(\.uri))
                for replacement in result.replaced {
                    if replacement.previous.uri != replacement.current.uri {
                        removals.append(targetFolder + "/" + replacement.previous.uri)
                        taken.remove(replacement.previous.uri)
                    }
                    placements.append(.init(from: sourceFolder + "/" + replacement.current.uri, to: targetFolder + "/" + replacement.current.uri))
                    taken.insert(replacement.current.uri)
                }
                var entries = result.catalog.entries
                for entry in result.added {
                    var name = entry.uri
                    if taken.contains(name) {
                        guard options.overwriteFiles else {
                            throw ImportError(.conflict, "Session already exists with matching files.")
                        }
                        name = SessionBuilder.uniqueName(name, in: targetFolder, avoiding: Set(taken.map { targetFolder + "/" + $0 }))
                        if let position = entries.firstIndex(where: { $0 == entry }) {
                            entries[position].uri = name
                            entries[position].id = name
                        }
                    }
                    taken.insert(name)
                    placements.append(.init(from: sourceFolder + "/" + entry.uri, to: targetFolder + "/" + name))
                }
                var mergedCatalog = result.catalog
                mergedCatalog.entries = entries
                let targetCatalogURI = resourceIndex.map { merged.resources[$0].uri } ?? targetURI
                catalogs[targetCatalogURI] = mergedCatalog
                var mergedResource = resourceIndex.map { merged.resources[$0] } ?? resource
                mergedResource.uri = targetCatalogURI
                mergedResource.fileCount = mergedCatalog.entries.count
                let sizes = mergedCatalog.entries.compactMap(\.sizeInBytes)
                mergedResource.fileSize = sizes.count == mergedCatalog.entries.count ? sizes.reduce(0, +) : nil
                if let resourceIndex {
                    merged.resources[resourceIndex] = mergedResource
                } else {
                    merged.resources.append(mergedResource)
                }
            }
            if let scanIndex {
                document.scans[scanIndex] = merged
            } else {
                document.scans.append(merged)
            }
        }
        document.scans.sort { ScanIdentifier.isOrderedBefore($0.id, $1.id) }
        return ArchiveMergePlan(document: document, catalogs: catalogs, placements: placements, removals: removals)
    }

    /// `SCANS/<scan>/<label>/scan_<scan>_catalog.xml` for `DICOM`, `…/scan_<scan>_<label>_catalog.xml` for any
    /// other label (`secondary`, `ECAT`); both parts must be safe single path components.
    static func catalogPath(scanID: String, label: String) throws(ImportError) -> String {
        do {
            let scan = try PrearchivePathComponent.validated(scanID, role: .scan)
            let resource = try PrearchivePathComponent.validated(label, role: .scan)
            let name = resource == ScanResource.primary.rawValue ? "scan_\(scan)_catalog.xml" : "scan_\(scan)_\(resource)_catalog.xml"
            return [PrearchiveLayout.scansFolderName, scan, resource, name].joined(separator: "/")
        } catch {
            throw ImportError(.invalidRequest, "Invalid scan or resource name: \(error)")
        }
    }

    /// `SCANS/4/DICOM` of `SCANS/4/DICOM/scan_4_catalog.xml`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
