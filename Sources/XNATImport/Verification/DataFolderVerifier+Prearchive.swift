import Foundation

extension DataFolderVerifier {
    /// The prearchive statuses whose sessions are built: their catalogs must agree with their files.
    static let builtStatuses: Set<PrearchiveStatus> = [.ready, .conflict]

    /// Compares the prearchive's session folders with its rows, checks each session, and reports sessions that
    /// share files with an archived session (`archivedFiles`).
    func checkPrearchive(
        _ rows: [PrearchiveSession],
        archivedFiles: [FileIdentity: String],
        _ report: inout VerificationReport
    ) {
        let prearchive = PrearchiveLayout(dataFolders: layout)
        let folders = sessionFolders(prearchive, &report)
        var recorded: Set<PrearchiveSessionKey> = []
        for row in rows {
            recorded.insert(row.key)
            let folder = prearchive.sessionFolder(of: row.key)
            guard folders[row.key] != nil else {
                report.add(
                    .missingFolder,
                    relative(folder),
                    "the database has a \(row.status.rawValue) prearchive session here, but its folder is missing"
                )
                continue
            }
            report.prearchiveSessions += 1
            let nonData = Self.nonDataPaths(of: folder)
            let checked = checkSession(
                folder: folder,
                document: prearchive.sessionDocument(of: row.key),
                strictness: Self.builtStatuses.contains(row.status) ? .built : .receiving,
                isNonData: { nonData.contains($0) || $0.hasPrefix(PrearchiveLayout.logsFolderName + "/") },
                report: &report
            )
            let shared = checked.files.compactMap { FileIdentity(of: folder.appendingPathComponent($0)) }
                .compactMap { archivedFiles[$0] }
            if let archived = shared.first {
                report.add(
                    .inBothAreas,
                    relative(folder),
                    "\(shared.count) of its files are also in the archived session \(archived): "
                        + "an archive did not finish removing it from the prearchive"
                )
            }
        }
        for (key, folder) in folders.sorted(by: { $0.key.url < $1.key.url }) where !recorded.contains(key) {
            report.add(
                .unrecordedFolder,
                relative(folder),
                "no prearchive row in the database describes this session folder"
            )
        }
    }

    /// `dcmtoxnat.log` and the files it names as unreadable (kept in the folder on purpose, §5).
    static func nonDataPaths(of folder: URL) -> Set<String> {
        var paths: Set<String> = [PrearchiveLayout.builderLogName]
        let log = folder.appendingPathComponent(PrearchiveLayout.builderLogName, isDirectory: false)
        if let text = try? String(contentsOf: log, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                if let end = line.range(of: ": ") { paths.insert(String(line[..<end.lowerBound])) }
            }
        }
        return paths
    }

    /// Every session folder of the prearchive (`<timestamp>/<folder>`, `<project>/<timestamp>/<folder>`), with
    /// findings for what does not belong there.
    private func sessionFolders(
        _ prearchive: PrearchiveLayout,
        _ report: inout VerificationReport
    ) -> [PrearchiveSessionKey: URL] {
        var folders: [PrearchiveSessionKey: URL] = [:]
        for name in FolderWalk.entries(of: prearchive.root) {
            let url = prearchive.root.appendingPathComponent(name, isDirectory: true)
            if name.hasPrefix(".") {
                report.add(.leftover, relative(url), "a hidden file or folder Sluice does not use")
            } else if FolderWalk.kind(of: url) != .folder {
                report.add(.unreferencedFile, relative(url), "a file outside any prearchive session")
            } else if let timestamp = PrearchiveTimestamp(rawValue: name) {
                collectSessions(project: nil, timestamp: timestamp, folder: url, into: &folders, &report)
            } else {
                for stamp in FolderWalk.entries(of: url) {
                    let stampURL = url.appendingPathComponent(stamp, isDirectory: true)
                    guard let timestamp = PrearchiveTimestamp(rawValue: stamp), FolderWalk.kind(of: stampURL) == .folder
                    else {
                        report.add(
                            stamp.hasPrefix(".") ? .leftover : .unreferencedFile,
                            relative(stampURL),
                            "not a prearchive timestamp folder"
                        )
                        continue
                    }
                    collectSessions(project: name, timestamp: timestamp, folder: stampURL, into: &folders, &report)
                }
            }
        }
        return folders
    }

    private func collectSessions(
        project: String?,
        timestamp: PrearchiveTimestamp,
        folder: URL,
        into folders: inout [PrearchiveSessionKey: URL],
        _ report: inout VerificationReport
    ) {
        let names = FolderWalk.entries(of: folder)
        for name in names {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            if name.hasPrefix(".") {
                report.add(.leftover, relative(url), "a temporary or hidden file left by an interrupted write")
            } else if FolderWalk.kind(of: url) == .folder {
                guard let key = try? PrearchiveSessionKey(project: project, timestamp: timestamp, folderName: name)
                else {
                    report.add(.unrecordedFolder, relative(url), "not a valid prearchive session folder name")
                    continue
                }
                folders[key] = url
            } else if name.hasSuffix(".xml"), names.contains(String(name.dropLast(4))) {
                continue  // a session document, beside its folder; checked with the session
            } else {
                report.add(.unreferencedFile, relative(url), "a file outside any prearchive session folder")
            }
        }
    }
}
