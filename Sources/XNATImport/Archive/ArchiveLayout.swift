import Foundation

/// Where archived sessions are (`xnat-import-spec.md` §6.1):
///
/// ```
/// <archive>/<PROJECT>/arc001/<LABEL>/             the session folder
/// <archive>/<PROJECT>/arc001/<LABEL>/<LABEL>.xml  its session document (inside, so it moves with the folder)
/// <archive>/<PROJECT>/arc001/<LABEL>/SCANS/<scan>/DICOM/…  files and scan_<scan>_catalog.xml
/// <archive>/.journal/<UUID>.json                  archives in flight, for recovery after a crash
/// ```
///
/// XNAT keeps the document in its database; Sluice keeps it as a file in the session folder, with resource URIs
/// relative to the folder, so a session folder is complete and relocatable on its own.
package struct ArchiveLayout: Sendable, Equatable {
    /// XNAT's default `currentArc`.
    package static let currentArc = "arc001"
    /// The folder of in-flight archive journals.
    package static let journalFolderName = ".journal"

    /// The archive folder.
    package let root: URL

    /// The layout of the archive at `root`.
    package init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// `<archive>/<project>/arc001/`.
    package func arcFolder(project: String) throws(PrearchivePathError) -> URL {
        let project = try PrearchivePathComponent.validated(project, role: .project)
        return root.appendingPathComponent(project, isDirectory: true)
            .appendingPathComponent(Self.currentArc, isDirectory: true)
    }

    /// `<archive>/<project>/arc001/<label>/`.
    package func sessionFolder(project: String, label: String) throws(PrearchivePathError) -> URL {
        let label = try PrearchivePathComponent.validated(label, role: .folder)
        return try arcFolder(project: project).appendingPathComponent(label, isDirectory: true)
    }

    /// `<session folder>/<label>.xml`.
    package func sessionDocument(project: String, label: String) throws(PrearchivePathError) -> URL {
        try sessionFolder(project: project, label: label).appendingPathComponent(label + ".xml", isDirectory: false)
    }

    /// `<archive>/.journal/`.
    package var journalFolder: URL { root.appendingPathComponent(Self.journalFolderName, isDirectory: true) }

    /// `/archive/projects/<P>/subjects/<subject>/experiments/<label>`: the URI an archive answers (§6.2 step 19).
    package static func uri(project: String, subjectLabel: String, label: String) -> String {
        "/archive/projects/\(project)/subjects/\(subjectLabel)/experiments/\(label)"
    }
}
