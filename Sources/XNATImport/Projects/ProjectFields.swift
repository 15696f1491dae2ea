/// The fields a `PUT /data/projects/{ID}` sets; `nil` keeps the current value (or the default for a new project).
package struct ProjectFields: Sendable, Equatable {
    /// `secondary_ID`.
    package var secondaryID: String?
    /// `name`.
    package var name: String?
    /// `description`.
    package var description: String?
    /// `pi_firstname`.
    package var investigatorFirstName: String?
    /// `pi_lastname`.
    package var investigatorLastName: String?

    /// Creates the fields; all default to `nil`.
    package init(
        secondaryID: String? = nil,
        name: String? = nil,
        description: String? = nil,
        investigatorFirstName: String? = nil,
        investigatorLastName: String? = nil
    ) {
        self.secondaryID = secondaryID
        self.name = name
        self.description = description
        self.investigatorFirstName = investigatorFirstName
        self.investigatorLastName = investigatorLastName
    }

    /// `project` with these fields applied.
    package func applied(to project: Project) -> Project {
        var project = project
        project.secondaryID = secondaryID ?? project.secondaryID
        project.name = name ?? project.name
        project.description = description ?? project.description
        project.principalInvestigator.firstName = investigatorFirstName ?? project.principalInvestigator.firstName
        project.principalInvestigator.lastName = investigatorLastName ?? project.principalInvestigator.lastName
        return project
    }
}
