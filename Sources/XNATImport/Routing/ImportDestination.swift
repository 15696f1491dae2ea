/// A parsed `dest` parameter: an archive or prearchive URI whose path variables pin the destination
/// (`xnat-import-spec.md` §2.2, XNAT `UriParserUtils.parseURI`).
///
/// Accepted forms: `/archive`, `/archive/projects/P`, `/archive/projects/P/subjects/S`,
/// `/archive/projects/P/subjects/S/experiments/E`, `/archive/subjects/S`, `/archive/experiments/E`,
/// `/prearchive`, `/prearchive/projects/P`, `/prearchive/projects/P/TS`, `/prearchive/projects/P/TS/FOLDER`.
/// Beyond XNAT, a `/data` or `/REST` prefix and one trailing `/` are accepted, since clients print URIs in that
/// form and a user pasting one back expects it to work. URIs below an experiment (scans, assessors,
/// reconstructions) are rejected: importing into them means nothing.
package struct ImportDestination: Sendable, Equatable {
    /// Which tree the URI names; an archive destination makes DICOM-zip archive right away (§2.2).
    package enum Area: Sendable, Equatable {
        case archive
        case prearchive
    }

    /// The archive or the prearchive.
    package var area: Area
    /// The `projects/<P>` segment: a project ID or alias.
    package var project: String?
    /// The `subjects/<S>` segment: a subject label or ID.
    package var subject: String?
    /// The experiment of an archive URI, an experiment ID or label. The caller resolves it to the label of an
    /// existing experiment of the project when there is one (§2.2); otherwise it is the new session's label.
    package var experiment: String?
    /// The prearchive timestamp directory.
    package var timestamp: String?
    /// The prearchive session folder.
    package var folder: String?

    /// A destination with the given path variables.
    package init(
        area: Area,
        project: String? = nil,
        subject: String? = nil,
        experiment: String? = nil,
        timestamp: String? = nil,
        folder: String? = nil
    ) {
        self.area = area
        self.project = project
        self.subject = subject
        self.experiment = experiment
        self.timestamp = timestamp
        self.folder = folder
    }

    /// Parses `uri`; `nil` when it is not one of the accepted forms (XNAT answers 400
    /// "Parameter dest format error").
    package init?(_ uri: String) {
        var segments = uri.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.first == "" else { return nil }
        segments.removeFirst()
        if segments.count > 1, segments.last == "" { segments.removeLast() }
        if let first = segments.first, first == "data" || first == "REST" { segments.removeFirst() }
        guard let root = segments.first, !segments.contains("") else { return nil }
        let path = Array(segments.dropFirst())
        switch root {
        case "archive": self.init(archivePath: path)
        case "prearchive": self.init(prearchivePath: path)
        default: return nil
        }
    }

    private init?(archivePath path: [String]) {
        self.init(area: .archive)
        switch path.count {
        case 0: return
        case 2 where path[0] == "subjects": subject = path[1]
        case 2 where path[0] == "experiments": experiment = path[1]
        case 2, 4, 6:
            guard path[0] == "projects" else { return nil }
            project = path[1]
            if path.count >= 4 {
                guard path[2] == "subjects" else { return nil }
                subject = path[3]
            }
            if path.count == 6 {
                guard path[4] == "experiments" else { return nil }
                experiment = path[5]
            }
        default: return nil
        }
    }

    private init?(prearchivePath path: [String]) {
        self.init(area: .prearchive)
        guard !path.isEmpty else { return }
        guard path[0] == "projects", (2...4).contains(path.count) else { return nil }
        project = path[1]
        timestamp = path.count > 2 ? path[2] : nil
        folder = path.count > 3 ? path[3] : nil
    }
}
