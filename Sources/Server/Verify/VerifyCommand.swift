import ArgumentParser
import Foundation
import Logging
import MetadataDatabase
import XNATImport

/// `sluice verify`: checks that the metadata database, the files on disk and the catalogs agree, prints one line
/// per difference and exits with status 1 if there is any. The server need not run; while it runs, uploads in
/// progress show up as differences.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that the database, the files and the catalogs agree.",
        discussion: """
            Reads every catalog and session document, hashes every catalogued file against its MD5 digest, \
            compares prearchive and archive folders with the database rows, looks for files a crash left \
            (staging, temporary files, journals, backups) and runs SQLite's integrity check. Prints one line per \
            difference (path relative to the data directory: what is wrong) and a summary; exits with status 1 \
            when anything differs. Run it with the server stopped for a clean answer.
            """
    )

    @OptionGroup var database: UserDatabaseOptions

    func run() async throws {
        let clean = try await Self.verify(dataDirectory: database.dataDirectory(), write: { print($0) })
        if !clean { throw ExitCode.failure }
    }

    /// Verifies the data directory at `dataDirectory`, writing each difference and then a summary line through
    /// `write`; answers whether there was none. A missing data directory or database is a difference.
    static func verify(dataDirectory: URL, write: (String) -> Void) async throws -> Bool {
        let layout = DataFolderLayout(root: dataDirectory)
        guard FileManager.default.fileExists(atPath: layout.metadataDatabase.path) else {
            write("\(layout.metadataDatabase.path): no Sluice database here (is --data-dir right?)")
            write("sluice verify: 1 difference")
            return false
        }
        // Warnings and errors only, on standard error; the report goes to standard output.
        var logger = Logger(label: "sluice") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .warning
        let report = try await SQLiteMetadataStore.withStore(
            configuration: DatabaseConfiguration(path: layout.metadataDatabase),
            logger: logger
        ) { store in
            try await DataFolderVerifier(layout: layout).verify(store: store)
        }
        for finding in report.findings { write(finding.description) }
        write(summary(report))
        return report.isClean
    }

    /// `sluice verify: OK (2 prearchive sessions, 3 archived sessions, 120 files hashed, 1.2 MB)`, or the number
    /// of differences first.
    static func summary(_ report: VerificationReport) -> String {
        let megabytes = Double(report.bytesHashed) / 1_000_000
        let counts = [
            counted(report.prearchiveSessions, "prearchive session"),
            counted(report.archivedSessions, "archived session"),
            counted(report.filesHashed, "file") + " hashed",
            String(format: "%.1f MB", megabytes),
        ].joined(separator: ", ")
        let count = report.findings.count
        guard count > 0 else { return "sluice verify: OK (\(counts))" }
        return "sluice verify: \(counted(count, "difference")) (\(counts))"
    }

    /// `1 file`, `2 files`.
    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
