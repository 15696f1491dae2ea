/// An XNAT project (`xnat:projectData`): the unit that owns subjects and sessions and decides where imports go.
package struct Project: Sendable, Equatable {
    /// The ID used in URLs and folder names.
    package var id: ProjectID
    /// XNAT's `secondary_ID`, the short "running title"; the ID when not given.
    package var secondaryID: String
    /// The project's title (`name`); the ID when not given.
    package var name: String
    /// Free text; empty when not given.
    package var description: String
    /// The principal investigator (`PI`); both names empty when not given.
    package var principalInvestigator: Investigator
    /// What happens to complete sessions.
    package var prearchiveCode: PrearchiveCode
    /// Whether sessions archived into the project start in quarantine (XNAT's arc spec `quarantineCode` 1).
    package var quarantinesNewSessions: Bool

    /// Creates a project; unnamed fields take XNAT's defaults for a project created by `PUT` with only an ID.
    package init(
        id: ProjectID,
        secondaryID: String? = nil,
        name: String? = nil,
        description: String = "",
        principalInvestigator: Investigator = Investigator(),
        prearchiveCode: PrearchiveCode = .manual,
        quarantinesNewSessions: Bool = false
    ) {
        self.id = id
        self.secondaryID = secondaryID ?? id.rawValue
        self.name = name ?? id.rawValue
        self.description = description
        self.principalInvestigator = principalInvestigator
        self.prearchiveCode = prearchiveCode
        self.quarantinesNewSessions = quarantinesNewSessions
    }
}

/// A project's investigator (`xnat:investigatorData`), by name.
package struct Investigator: Sendable, Equatable {
    /// `firstname`; may be empty.
    package var firstName: String
    /// `lastname`; may be empty.
    package var lastName: String

    /// Creates an investigator; both names default to empty.
    package init(firstName: String = "", lastName: String = "") {
        self.firstName = firstName
        self.lastName = lastName
    }
}
