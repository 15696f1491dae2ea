import DICOM

/// Builds the session document and scan catalogs of a prearchive session from its DICOM files
/// (`xnat-import-spec.md` §5.2–§5.4; dicom-xnat `DICOMSessionBuilder`, `CatalogBuilder`). Pure: it plans, and
/// ``SessionFolderWriter`` carries the plan out.
package enum SessionBuilder {
    /// Plans the build of a session from `files` (read by ``SessionFolderReader``).
    ///
    /// - Files are taken in path order; a file whose SOPInstanceUID an earlier file already has is a duplicate,
    ///   to be deleted.
    /// - The files must belong to one study; the session type comes from ``SessionKind/classify(_:handling:)``.
    /// - One scan per SeriesInstanceUID, IDs from ``ScanIdentifier/assign(_:)``; each scan's files are split into
    ///   the `DICOM` and `secondary` resources (``ScanResource``), each with a catalog in its folder.
    /// - Files not in `SCANS/<scan ID>/<resource label>/` are moved there, keeping their names unless a name is
    ///   taken (`a.dcm` → `a_1.dcm`). Taken means: the current path of any file in `files`, any of
    ///   `occupiedPaths` (files the reader skipped), a catalog path, or an earlier move's target.
    package static func plan(
        files: [SessionFile],
        constants: SessionBuildConstants,
        occupiedPaths: Set<String> = []
    ) throws(SessionBuildError) -> SessionBuildPlan {
        guard !files.isEmpty else { throw .noFiles }
        let ordered = files.sorted { $0.relativePath < $1.relativePath }
        let studyUIDs = Set(ordered.map { text($0.header, .studyInstanceUID) ?? "" })
        guard studyUIDs.count == 1, let studyUID = studyUIDs.first else {
            throw .multipleStudies(studyUIDs.sorted())
        }
        var warnings: [String] = []
        let (kept, duplicates) = removingDuplicates(ordered, warnings: &warnings)
        let series = SeriesSummary.summarize(kept.map(\.header))
        guard let kind = SessionKind.classify(series, handling: constants.petMRHandling) else {
            throw .unknownSessionType(
                sopClassUIDs: series.reduce(into: Set<String>()) { $0.formUnion($1.sopClassUIDs) }.sorted(),
                modalities: series.reduce(into: Set<String>()) { $0.formUnion($1.modalities) }.sorted()
            )
        }

        let groups = try resourceGroups(series: series, files: kept, separatingSecondary: constants.separatingSecondary)
        var taken = Set(ordered.map(\.relativePath)).union(occupiedPaths).union(groups.map(\.catalogPath))
        let catalogPaths = Set(groups.map(\.catalogPath))
        var moves: [SessionBuildPlan.Move] = []
        var placed: [[PlacedFile]] = []
        for group in groups {
            var names: [PlacedFile] = []
            for file in group.files {
                let wanted = group.folder + "/" + file.fileName
                if file.relativePath == wanted, !catalogPaths.contains(wanted) {
                    names.append(PlacedFile(file: file, name: file.fileName))
                    continue
                }
                let name = uniqueName(file.fileName, in: group.folder, avoiding: taken)
                taken.insert(group.folder + "/" + name)
                moves.append(SessionBuildPlan.Move(from: file.relativePath, to: group.folder + "/" + name))
                names.append(PlacedFile(file: file, name: name))
            }
            placed.append(names)
        }

        var document = sessionDocument(
            kind: kind,
            studyUID: studyUID,
            files: kept,
            constants: constants,
            warnings: &warnings
        )
        var catalogs: [SessionBuildPlan.Catalog] = []
        var scans: [SessionDocument.Scan] = []
        for (index, group) in groups.enumerated() {
            let catalog = catalog(
                seriesUID: group.series.seriesInstanceUID,
                resource: group.resource,
                files: placed[index]
            )
            catalogs.append(SessionBuildPlan.Catalog(relativePath: group.catalogPath, catalog: catalog))
            let resource = SessionDocument.Resource.dicomCatalog(
                group.resource,
                uri: group.catalogPath,
                fileCount: group.files.count,
                fileSize: group.files.reduce(0) { $0 + $1.size }
            )
            if let last = scans.last, last.id == group.scanID {
                scans[scans.count - 1].resources.append(resource)
            } else {
                let seriesFiles = groups.filter { $0.scanID == group.scanID }
                var scan = self.scan(
                    id: group.scanID,
                    series: group.series,
                    primaryFiles: seriesFiles.filter { $0.resource == .primary }.flatMap(\.files),
                    allFiles: seriesFiles.flatMap(\.files),
                    warnings: &warnings
                )
                scan.resources = [resource]
                scans.append(scan)
            }
        }
        document.scans = scans
        return SessionBuildPlan(
            document: document,
            catalogs: catalogs,
            moves: moves,
            duplicates: duplicates,
            warnings: warnings
        )
    }

    // MARK: - Steps

    /// The files of one resource of one scan.
    private struct ResourceGroup {
        var scanID: String
        var series: SeriesSummary
        var resource: ScanResource
        /// In path order.
        var files: [SessionFile]
        /// `SCANS/<scan ID>/<label>`.
        var folder: String
        var catalogPath: String
    }

    /// A file and the name it has once the plan is applied.
    struct PlacedFile {
        var file: SessionFile
        var name: String
    }

    /// Keeps the first file (in the given order) of each SOPInstanceUID; files without one are all kept.
    private static func removingDuplicates(
        _ files: [SessionFile],
        warnings: inout [String]
    ) -> (kept: [SessionFile], duplicates: [String]) {
        var firstPath: [String: String] = [:]
        var kept: [SessionFile] = []
        var duplicates: [String] = []
        for file in files {
            guard let uid = text(file.header, .sopInstanceUID) else {
                kept.append(file)
                continue
            }
            if let original = firstPath[uid] {
                duplicates.append(file.relativePath)
                warnings.append(
                    "\(file.relativePath): same SOPInstanceUID (\(uid)) as \(original); the duplicate is deleted"
                )
            } else {
                firstPath[uid] = file.relativePath
                kept.append(file)
            }
        }
        return (kept, duplicates)
    }

    /// The resources of the scans, in scan order and, within a scan, `DICOM` before `secondary`.
    private static func resourceGroups(
        series: [SeriesSummary],
        files: [SessionFile],
        separatingSecondary: Bool
    ) throws(SessionBuildError) -> [ResourceGroup] {
        let filesBySeries = Dictionary(grouping: files) { text($0.header, .seriesInstanceUID) ?? "" }
        var groups: [ResourceGroup] = []
        for assignment in ScanIdentifier.assign(series) {
            let seriesFiles = filesBySeries[assignment.series.seriesInstanceUID] ?? []
            let byResource = Dictionary(grouping: seriesFiles) {
                ScanResource.classify(
                    sopClassUID: text($0.header, .sopClassUID),
                    separatingSecondary: separatingSecondary
                )
            }
            for resource in ScanResource.allCases {
                guard let resourceFiles = byResource[resource], !resourceFiles.isEmpty else { continue }
                let catalogPath: String
                do {
                    catalogPath = try PrearchiveLayout.relativeCatalogPath(
                        scanID: assignment.scanID,
                        label: resource
                    )
                } catch {
                    throw .invalidScanID(assignment.scanID)
                }
                groups.append(
                    ResourceGroup(
                        scanID: assignment.scanID,
                        series: assignment.series,
                        resource: resource,
                        files: resourceFiles,
                        folder: resource.directory(scanID: assignment.scanID),
                        catalogPath: catalogPath
                    )
                )
            }
        }
        return groups
    }

    /// `name` if `folder/name` is free, else `name` with `_1`, `_2`, … before its extension (`a_1.dcm`).
    package static func uniqueName(_ name: String, in folder: String, avoiding taken: Set<String>) -> String {
        guard taken.contains(folder + "/" + name) else { return name }
        let stem: Substring
        let suffix: Substring
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            stem = name[..<dot]
            suffix = name[dot...]
        } else {
            stem = name[...]
            suffix = ""
        }
        var counter = 1
        while true {
            let candidate = stem + "_" + String(counter) + suffix
            if !taken.contains(folder + "/" + candidate) { return candidate }
            counter += 1
        }
    }

    /// The catalog of one resource: entries sorted by instance number (1 when absent), then name.
    private static func catalog(seriesUID: String, resource: ScanResource, files: [PlacedFile]) -> CatalogDocument {
        let isPrimary = resource == .primary
        let sorted = files.map { (placed: $0, number: $0.file.header.int(.instanceNumber) ?? 1) }.sorted {
            $0.number != $1.number ? $0.number < $1.number : $0.placed.name < $1.placed.name
        }
        let entries = sorted.map { item in
            var entry = CatalogDocument.Entry(
                kind: .dicom,
                uri: item.placed.name,
                uid: text(item.placed.file.header, .sopInstanceUID),
                instanceNumber: isPrimary ? item.number : nil,
                digest: item.placed.file.md5
            )
            entry.id = item.placed.name
            entry.format = ScanResource.Format.dicom.rawValue
            entry.sizeInBytes = item.placed.file.size
            return entry
        }
        var catalog = CatalogDocument(kind: .dicom, uid: seriesUID.isEmpty ? nil : seriesUID, entries: entries)
        if isPrimary {
            let headers = files.map(\.file.header)
            catalog.dimensions = CatalogDocument.Dimensions(
                x: single(headers) { $0.int(.columns).map(String.init) }.flatMap { Int($0) },
                y: single(headers) { $0.int(.rows).map(String.init) }.flatMap { Int($0) },
                z: ScanField.frames(inPrimaryFiles: headers)
            )
            catalog.voxelResolution = voxelResolution(of: headers)
            catalog.orientation = orientation(of: headers)
        }
        return catalog
    }
}
