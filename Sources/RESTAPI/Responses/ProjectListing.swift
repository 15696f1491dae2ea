import XNATImport

/// The projects listing, `GET /data/projects`, with XNAT's column names (`xnat-clients.md` §1.4).
enum ProjectListing {
    static let title = "Projects"
    static let columns = ["ID", "secondary_ID", "name", "description", "pi_firstname", "pi_lastname", "URI"]

    /// The result set for `projects`; each `URI` is `/data/projects/<ID>`.
    static func resultSet(_ projects: [Project]) -> ResultSet {
        ResultSet(
            title: title,
            columns: columns,
            rows: projects.map { project in
                [
                    project.id.rawValue, project.secondaryID, project.name, project.description,
                    project.principalInvestigator.firstName, project.principalInvestigator.lastName,
                    "/data/projects/\(project.id.rawValue)",
                ]
            }
        )
    }
}
