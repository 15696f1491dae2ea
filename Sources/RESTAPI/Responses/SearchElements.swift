import XNATImport

/// The data types XNAT's search service lists (`GET /data/search/elements`) and their searchable fields
/// (`GET /data/search/elements/{type}`), for the types Sluice holds: projects, subjects and image sessions.
///
/// xnatpy reads both at connect (`xnat-clients.md` §2.1 steps 9–10) and adds each `FIELD_ID` to the class of its
/// type as a search field. Field IDs are upper case, like XNAT's display fields: a lower-case ID would replace the
/// class's property of the same name (xnatpy's properties are lower case, `ID` becomes `id`).
enum SearchElements {
    /// One searchable data type.
    struct Element {
        /// `ELEMENT_NAME`, the `xsi:type`, such as `xnat:mrSessionData`.
        var name: String
        /// `SINGULAR`, such as `MR Session`.
        var singular: String
        /// `PLURAL`, such as `MR Sessions`.
        var plural: String
        /// `CATEGORY`.
        var category: String
        /// The searchable fields.
        var fields: [Field]
    }

    /// One searchable field of a type.
    struct Field {
        /// `FIELD_ID`, such as `LABEL`.
        var id: String
        /// `HEADER` and `SUMMARY`: the field's column title.
        var header: String
        /// `TYPE`: `string`, `date` or `integer`.
        var type: String
        /// `DESC`.
        var description: String
    }

    /// Every element, projects and subjects first, then the image session types in ``ImageSessionDataType`` order.
    static let all: [Element] = [project, subject] + ImageSessionDataType.allCases.map(session)

    /// The element named `name`, compared ignoring case as XNAT does, or `nil`.
    static func element(named name: String) -> Element? {
        all.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The `/data/search/elements` table.
    static func listing() -> ResultSet {
        ResultSet(
            title: "Search Elements",
            columns: ["ELEMENT_NAME", "PLURAL", "SINGULAR", "CATEGORY", "SECURED"],
            rows: all.map { [$0.name, $0.plural, $0.singular, $0.category, "true"] }
        )
    }

    /// The `/data/search/elements/{type}` table of `element`'s fields.
    static func fields(of element: Element) -> ResultSet {
        ResultSet(
            title: element.plural,
            columns: ["FIELD_ID", "HEADER", "SUMMARY", "TYPE", "REQUIRES_VALUE", "DESC"],
            rows: element.fields.map { [$0.id, $0.header, $0.header, $0.type, "false", $0.description] }
        )
    }

    // MARK: - The elements

    private static let project = Element(
        name: "xnat:projectData",
        singular: "Project",
        plural: "Projects",
        category: "Projects",
        fields: [
            Field(id: "ID", header: "ID", type: "string", description: "The project's ID"),
            Field(id: "SECONDARY_ID", header: "Running Title", type: "string", description: "The project's short name"),
            Field(id: "NAME", header: "Title", type: "string", description: "The project's name"),
            Field(id: "DESCRIPTION", header: "Description", type: "string", description: "The project's description"),
            Field(id: "PI", header: "PI", type: "string", description: "The principal investigator"),
        ]
    )

    private static let subject = Element(
        name: "xnat:subjectData",
        singular: "Subject",
        plural: "Subjects",
        category: "Subjects",
        fields: [
            Field(id: "SUBJECT_ID", header: "Subject", type: "string", description: "The subject's ID"),
            Field(id: "SUBJECT_LABEL", header: "Label", type: "string", description: "The subject's label"),
            Field(id: "PROJECT", header: "Project", type: "string", description: "The subject's project"),
            Field(id: "INSERT_DATE", header: "Inserted", type: "date", description: "When the subject was added"),
        ]
    )

    /// An image session type, named after its root element: `MRSession` becomes `MR Session`.
    private static func session(_ type: ImageSessionDataType) -> Element {
        let modality = type.elementName.hasSuffix("Session") ? String(type.elementName.dropLast(7)) : type.elementName
        return Element(
            name: type.rawValue,
            singular: "\(modality) Session",
            plural: "\(modality) Sessions",
            category: "Image Sessions",
            fields: [
                Field(id: "SESSION_ID", header: "Session", type: "string", description: "The session's ID"),
                Field(id: "LABEL", header: "Label", type: "string", description: "The session's label"),
                Field(id: "SUBJECT_ID", header: "Subject", type: "string", description: "The subject's ID"),
                Field(id: "PROJECT", header: "Project", type: "string", description: "The session's project"),
                Field(id: "DATE", header: "Date", type: "date", description: "The date of the scans"),
                Field(id: "UID", header: "Study UID", type: "string", description: "The DICOM StudyInstanceUID"),
                Field(id: "INSERT_DATE", header: "Inserted", type: "date", description: "When it was archived"),
            ]
        )
    }
}
