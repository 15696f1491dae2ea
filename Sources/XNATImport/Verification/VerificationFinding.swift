/// One difference between the metadata database, the files on disk and the catalogs, as `sluice verify` reports
/// it: a path relative to the data folder and one sentence.
package struct VerificationFinding: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// What kind of difference it is.
    package enum Kind: String, Sendable, CaseIterable {
        /// `PRAGMA integrity_check` or `foreign_key_check` of the database complained.
        case database
        /// A file or folder a crash or an unfinished operation left: staging, temporary files, journals, backups.
        case leftover
        /// A database row whose session folder is not on disk.
        case missingFolder
        /// A session folder no database row describes.
        case unrecordedFolder
        /// A session document that is missing, cannot be read, or names another session than its row.
        case document
        /// A catalog a session document names that is missing or cannot be read.
        case catalog
        /// A file a catalog lists that is not on disk.
        case missingFile
        /// A file whose size is not the one its catalog entry records.
        case sizeMismatch
        /// A file whose MD5 is not its catalog entry's `digest`.
        case digestMismatch
        /// A resource whose `file_count` is not the number of entries in its catalog.
        case fileCount
        /// A data file no catalog lists.
        case unreferencedFile
        /// A prearchive session that shares files with an archived session: an archive that did not finish.
        case inBothAreas
    }

    /// What kind of difference it is.
    package var kind: Kind
    /// The file or folder concerned, relative to the data folder (`archive/P/arc001/S/SCANS/1/DICOM/1.dcm`).
    package var path: String
    /// One sentence saying what is wrong.
    package var detail: String

    /// A finding.
    package init(_ kind: Kind, path: String, _ detail: String) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    /// `<path>: <detail>`, the line `sluice verify` prints.
    package var description: String { "\(path): \(detail)" }
}

/// What a verification checked and found.
package struct VerificationReport: Sendable, Equatable {
    /// Every difference, in the order found (data folder leftovers, prearchive, archive, database).
    package var findings: [VerificationFinding] = []
    /// Prearchive sessions looked at.
    package var prearchiveSessions = 0
    /// Archived sessions looked at.
    package var archivedSessions = 0
    /// Files whose MD5 was compared with their catalog's `digest`.
    package var filesHashed = 0
    /// Bytes read to compute those MD5s.
    package var bytesHashed: Int64 = 0

    /// Whether nothing was found.
    package var isClean: Bool { findings.isEmpty }

    /// An empty report.
    package init() {}

    mutating func add(_ kind: VerificationFinding.Kind, _ path: String, _ detail: String) {
        findings.append(VerificationFinding(kind, path: path, detail))
    }

    /// The findings of `kind`.
    package func findings(_ kind: VerificationFinding.Kind) -> [VerificationFinding] {
        findings.filter { $0.kind == kind }
    }
}

/// The database side of a verification: the rows to compare with the folders, and the database's own checks.
package struct VerificationRecords: Sendable {
    /// Every prearchive row.
    package var prearchiveSessions: [PrearchiveSession]
    /// Every archived experiment.
    package var experiments: [ArchivedExperiment]
    /// What `PRAGMA integrity_check` and `PRAGMA foreign_key_check` reported; empty when both are content.
    package var databaseProblems: [String]

    /// Records with the given rows.
    package init(
        prearchiveSessions: [PrearchiveSession],
        experiments: [ArchivedExperiment],
        databaseProblems: [String] = []
    ) {
        self.prearchiveSessions = prearchiveSessions
        self.experiments = experiments
        self.databaseProblems = databaseProblems
    }
}
