import Foundation

/// Checks that the metadata database, the files on disk and the catalogs agree (`sluice verify`): every catalog
/// parses and its files exist with the recorded size and MD5, no data file is left unlisted, database rows and
/// session folders match one to one, no session is both in the prearchive and the archive, and nothing a crash
/// leaves (staging files, temporary files, journals, backups) is there. Reads only; blocking IO.
package struct DataFolderVerifier: Sendable {
    /// The data folder.
    package let layout: DataFolderLayout

    /// A verifier of the data folder `layout`.
    package init(layout: DataFolderLayout) {
        self.layout = layout
    }

    /// Compares the folders with `records` and answers every difference, sorted by path.
    package func verify(_ records: VerificationRecords) -> VerificationReport {
        var report = VerificationReport()
        checkStaging(&report)
        checkTemporaryFiles(under: layout.cache, &report)
        let archived = checkArchive(records.experiments, &report)
        checkPrearchive(records.prearchiveSessions, archivedFiles: archived, &report)
        for problem in records.databaseProblems {
            report.add(.database, layout.metadataDatabase.lastPathComponent, problem)
        }
        report.findings.sort { ($0.path, $0.kind.rawValue, $0.detail) < ($1.path, $1.kind.rawValue, $1.detail) }
        return report
    }

    /// Everything in `staging/` is a leftover once no request is running.
    private func checkStaging(_ report: inout VerificationReport) {
        for name in FolderWalk.entries(of: layout.staging) {
            report.add(
                .leftover,
                relative(layout.staging, name),
                "left in staging by an upload or import that did not finish"
            )
        }
    }

    /// Sluice's temporary names (`.sluice-…`) anywhere under `folder`.
    func checkTemporaryFiles(under folder: URL, _ report: inout VerificationReport) {
        for file in FolderWalk.files(under: folder)
        where file.split(separator: "/").contains(where: { $0.hasPrefix(FolderWalk.temporaryPrefix) }) {
            report.add(.leftover, relative(folder, file), "a temporary file left by an interrupted write")
        }
    }

    // MARK: - Paths

    /// `url` relative to the data folder, as findings name it.
    func relative(_ url: URL) -> String {
        Self.path(of: url, in: layout.root)
    }

    /// `name` (a relative path) inside `folder`, relative to the data folder.
    func relative(_ folder: URL, _ name: String) -> String {
        relative(folder.appendingPathComponent(name, isDirectory: false))
    }
}
