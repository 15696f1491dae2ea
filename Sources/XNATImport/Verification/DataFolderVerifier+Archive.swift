import Foundation

extension DataFolderVerifier {
    /// Compares `archive/<project>/arc001/<label>/` with the experiment rows and checks each session's catalogs;
    /// answers which archived session each archived file belongs to (by inode), for the prearchive check.
    func checkArchive(
        _ experiments: [ArchivedExperiment],
        _ report: inout VerificationReport
    ) -> [FileIdentity: String] {
        let root = layout.archive
        var folders: [String: URL] = [:]
        for name in FolderWalk.entries(of: root) {
            let url = root.appendingPathComponent(name, isDirectory: true)
            if name == ArchiveLayout.journalFolderName {
                for journal in FolderWalk.entries(of: url) {
                    report.add(
                        .leftover,
                        relative(url, journal),
                        "an archive journal: an archive was interrupted and has not been recovered"
                    )
                }
            } else if name == ArchiveEditor.removedFolderName {
                continue  // deleted experiments kept on disk (Docs/Archive.md), not part of the archive
            } else if name.hasPrefix(".") {
                report.add(.leftover, relative(url), "a hidden file or folder Sluice does not use")
            } else if FolderWalk.kind(of: url) != .folder {
                report.add(.unreferencedFile, relative(url), "a file outside any project folder")
            } else {
                collectSessionFolders(project: name, folder: url, into: &folders, &report)
            }
        }
        var owners: [FileIdentity: String] = [:]
        var rows: Set<String> = []
        for experiment in experiments {
            let key = experiment.project + "/" + experiment.label
            rows.insert(key)
            guard let folder = folders[key] else {
                let expected =
                    (try? ArchiveLayout(root: root).sessionFolder(project: experiment.project, label: experiment.label))
                report.add(
                    .missingFolder,
                    expected.map(relative) ?? "archive/\(key)",
                    "the database has experiment \(experiment.id), but its session folder is missing"
                )
                continue
            }
            report.archivedSessions += 1
            let label = experiment.label
            let checked = checkSession(
                folder: folder,
                document: folder.appendingPathComponent(label + ".xml", isDirectory: false),
                strictness: .built,
                isNonData: { $0 == label + ".xml" || $0.hasPrefix(PrearchiveLayout.logsFolderName + "/") },
                report: &report
            )
            if let document = checked.document {
                checkIdentity(document, of: experiment, at: folder.appendingPathComponent(label + ".xml"), &report)
            }
            for file in checked.files {
                if let identity = FileIdentity(of: folder.appendingPathComponent(file)) {
                    owners[identity] = relative(folder)
                }
            }
        }
        for (key, folder) in folders.sorted(by: { $0.key < $1.key }) where !rows.contains(key) {
            report.add(.unrecordedFolder, relative(folder), "no experiment in the database has this session folder")
        }
        return owners
    }

    /// The session folders of one project (`<project>/arc001/<label>`), keyed `<project>/<label>`.
    private func collectSessionFolders(
        project: String,
        folder: URL,
        into folders: inout [String: URL],
        _ report: inout VerificationReport
    ) {
        for arc in FolderWalk.entries(of: folder) {
            let arcURL = folder.appendingPathComponent(arc, isDirectory: true)
            guard arc == ArchiveLayout.currentArc, FolderWalk.kind(of: arcURL) == .folder else {
                report.add(
                    arc.hasPrefix(".") ? .leftover : .unreferencedFile,
                    relative(arcURL),
                    "not an archive folder Sluice writes (\(ArchiveLayout.currentArc))"
                )
                continue
            }
            for label in FolderWalk.entries(of: arcURL) {
                let url = arcURL.appendingPathComponent(label, isDirectory: true)
                if label.hasPrefix(".staging-") {
                    report.add(.leftover, relative(url), "an archive staging folder: an archive did not finish")
                } else if label.hasPrefix(".backup-") {
                    report.add(.leftover, relative(url), "an archive backup folder: an archive did not finish")
                } else if label.hasPrefix(".") {
                    report.add(.leftover, relative(url), "a hidden file or folder Sluice does not use")
                } else if FolderWalk.kind(of: url) != .folder {
                    report.add(.unreferencedFile, relative(url), "a file outside any session folder")
                } else {
                    folders[project + "/" + label] = url
                }
            }
        }
    }

    /// The document must name the experiment its row describes.
    private func checkIdentity(
        _ document: SessionDocument,
        of experiment: ArchivedExperiment,
        at url: URL,
        _ report: inout VerificationReport
    ) {
        var differences: [String] = []
        if document.id != experiment.id {
            differences.append("ID \(document.id ?? "(none)") (database: \(experiment.id))")
        }
        if document.project != experiment.project {
            differences.append("project \(document.project ?? "(none)") (database: \(experiment.project))")
        }
        if document.label != experiment.label {
            differences.append("label \(document.label ?? "(none)") (database: \(experiment.label))")
        }
        guard !differences.isEmpty else { return }
        report.add(.document, relative(url), "the session document names " + differences.joined(separator: ", "))
    }
}
