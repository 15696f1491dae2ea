import Foundation

extension DataFolderVerifier {
    /// How strictly a session folder is compared with its catalogs.
    enum Strictness {
        /// Built sessions: the document and every catalog must be readable, every entry's file present with its
        /// recorded size and MD5, and every data file listed.
        case built
        /// As ``built``, but files are only looked for and measured, not hashed (startup recovery).
        case builtListing
        /// Sessions still receiving or waiting for a rebuild: only the document (if any) must be readable, and no
        /// temporary file may be left; files and catalogs may disagree until the next build.
        case receiving
    }

    /// Compares the session folder `folder` with its document at `document` and the catalogs it names.
    ///
    /// - Parameters:
    ///   - isNonData: relative paths inside the folder that hold no data (logs, the document itself).
    /// - Returns: the document (when it could be read) and the relative paths of every file in the folder.
    func checkSession(
        folder: URL,
        document: URL,
        strictness: Strictness,
        isNonData: (String) -> Bool,
        report: inout VerificationReport
    ) -> (document: SessionDocument?, files: [String]) {
        let files = FolderWalk.files(under: folder)
        for file in files where file.split(separator: "/").contains(where: { $0.hasPrefix(FolderWalk.temporaryPrefix) })
        {
            report.add(.leftover, relative(folder, file), "a temporary file left by an interrupted write")
        }
        let parsed = readDocument(document, required: strictness != .receiving, report: &report)
        guard strictness != .receiving, let parsed else { return (parsed, files) }
        var referenced: Set<String> = []
        var referencedFolders: [String] = []
        for resource in parsed.resources + parsed.scans.flatMap(\.resources) where !resource.uri.isEmpty {
            let target = Self.resolve(resource.uri, in: folder)
            let path = Self.path(of: target, in: folder)
            if resource.kind == .resource {
                referenced.insert(path)
                referencedFolders.append(path + "/")
                continue
            }
            referenced.insert(path)
            guard let catalog = readCatalog(target, report: &report) else { continue }
            if let count = resource.fileCount, count != catalog.entries.count {
                report.add(
                    .fileCount,
                    relative(target),
                    "the session document records \(count) files for this resource, the catalog lists \(catalog.entries.count)"
                )
            }
            let catalogFolder = target.deletingLastPathComponent()
            for entry in catalog.entries {
                let file = Self.resolve(entry.uri, in: catalogFolder)
                referenced.insert(Self.path(of: file, in: folder))
                checkEntry(entry, file: file, catalog: target, hashing: strictness == .built, report: &report)
            }
        }
        for file in files where !referenced.contains(file) && !isNonData(file) {
            guard !file.split(separator: "/").contains(where: { $0.hasPrefix(FolderWalk.temporaryPrefix) }),
                !referencedFolders.contains(where: file.hasPrefix)
            else { continue }
            report.add(.unreferencedFile, relative(folder, file), "no catalog of the session lists this file")
        }
        return (parsed, files)
    }

    /// The session document, or `nil` with a finding (a missing document only when `required`).
    func readDocument(_ url: URL, required: Bool, report: inout VerificationReport) -> SessionDocument? {
        guard FolderWalk.kind(of: url) == .file, let data = try? Data(contentsOf: url) else {
            if required { report.add(.document, relative(url), "the session document is missing") }
            return nil
        }
        do {
            return try SessionDocument(xml: data)
        } catch {
            report.add(.document, relative(url), "the session document cannot be read: \(error)")
            return nil
        }
    }

    private func readCatalog(_ url: URL, report: inout VerificationReport) -> CatalogDocument? {
        guard FolderWalk.kind(of: url) == .file, let data = try? Data(contentsOf: url) else {
            report.add(.catalog, relative(url), "the catalog named by the session document is missing")
            return nil
        }
        do {
            return try CatalogDocument(xml: data)
        } catch {
            report.add(.catalog, relative(url), "the catalog cannot be read: \(error)")
            return nil
        }
    }

    /// Compares one file with its catalog entry: present, `size_in_bytes` and `digest` as recorded.
    private func checkEntry(
        _ entry: CatalogDocument.Entry,
        file: URL,
        catalog: URL,
        hashing: Bool,
        report: inout VerificationReport
    ) {
        let catalogName = catalog.lastPathComponent
        guard FolderWalk.kind(of: file) == .file else {
            report.add(.missingFile, relative(file), "listed in \(catalogName) but not on disk")
            return
        }
        guard entry.digest != nil || entry.sizeInBytes != nil else { return }
        guard hashing else {
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int
            if let recorded = entry.sizeInBytes, let size, Int64(size) != recorded {
                report.add(
                    .sizeMismatch,
                    relative(file),
                    "\(size) bytes on disk, \(recorded) bytes recorded in \(catalogName)"
                )
            }
            return
        }
        let measured: (digest: String, size: Int64)
        do {
            measured = try FileDigest.md5(of: file)
        } catch {
            report.add(.missingFile, relative(file), "listed in \(catalogName) but cannot be read: \(error.reason)")
            return
        }
        report.filesHashed += 1
        report.bytesHashed += measured.size
        if let size = entry.sizeInBytes, size != measured.size {
            report.add(
                .sizeMismatch,
                relative(file),
                "\(measured.size) bytes on disk, \(size) bytes recorded in \(catalogName)"
            )
        }
        if let digest = entry.digest, digest.lowercased() != measured.digest {
            report.add(
                .digestMismatch,
                relative(file),
                "MD5 \(measured.digest) on disk, \(digest) recorded in \(catalogName): the file has changed"
            )
        }
    }

    /// A catalog or entry URI, relative to `base` unless absolute.
    static func resolve(_ uri: String, in base: URL) -> URL {
        if uri.hasPrefix("/") { return URL(fileURLWithPath: uri).standardizedFileURL }
        return base.appendingPathComponent(uri, isDirectory: false).standardizedFileURL
    }

    /// The path of `url` relative to `folder` (the full path when it is outside).
    static func path(of url: URL, in folder: URL) -> String {
        let base = folder.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(base + "/") else { return path }
        return String(path.dropFirst(base.count + 1))
    }
}
