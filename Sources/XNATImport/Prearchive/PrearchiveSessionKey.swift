/// The "prearchive triple" that names a prearchive session: project, timestamp and folder (`xnat-import-spec.md`
/// §4.1, §4.2).
///
/// Every part is checked to be a safe single path component when the key is made, so paths built from a key stay
/// inside the prearchive. A `nil` project is the Unassigned project, spelled `Unassigned` in URLs.
package struct PrearchiveSessionKey: Hashable, Sendable, CustomStringConvertible {
    /// How URLs and listings spell the `nil` project (§4.7).
    package static let unassignedProject = "Unassigned"

    /// The project ID, or `nil` for Unassigned.
    package let project: String?
    /// The timestamp folder.
    package let timestamp: PrearchiveTimestamp
    /// The session folder name.
    package let folderName: String

    /// Creates a key; the project `Unassigned` means `nil`. Throws when the project or folder is not a safe name.
    package init(project: String?, timestamp: PrearchiveTimestamp, folderName: String) throws(PrearchivePathError) {
        if let project, project != Self.unassignedProject {
            self.project = try PrearchivePathComponent.validated(project, role: .project)
        } else {
            self.project = nil
        }
        self.timestamp = timestamp
        self.folderName = try PrearchivePathComponent.validated(folderName, role: .folder)
    }

    /// Reads `/prearchive/projects/<project>/<timestamp>/<folder>`, with or without a leading `/data` or `/REST`;
    /// `nil` when the path has another shape or a part is not a valid name. Give the path already percent-decoded.
    package init?(url: String) {
        var parts = url.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "" else { return nil }
        parts.removeFirst()
        if parts.first == "data" || parts.first == "REST" {
            parts.removeFirst()
        }
        guard parts.count == 5, parts[0] == "prearchive", parts[1] == "projects",
            let timestamp = PrearchiveTimestamp(rawValue: parts[3]),
            let key = try? PrearchiveSessionKey(project: parts[2], timestamp: timestamp, folderName: parts[4])
        else { return nil }
        self = key
    }

    /// The project as listings show it: the ID, or `Unassigned`.
    package var projectName: String { project ?? Self.unassignedProject }

    /// `/prearchive/projects/<project>/<timestamp>/<folder>`, the `url` column of listings (no `/data` prefix).
    package var url: String { "/prearchive/projects/\(projectName)/\(timestamp.rawValue)/\(folderName)" }

    /// The ``url``.
    package var description: String { url }
}
