import Hummingbird
import XNATImport

/// One project, as `GET /data/projects/{ID}` answers: XNAT's `items` JSON by default, the project XML for
/// `format=xml` (`xnat-clients.md` §1.4; the desktop client reads `items[0].data_fields`).
struct ProjectDocument {
    var project: Project

    /// The response in `format`; CSV is not offered for one object, so it answers JSON like any other value.
    func response(format: ResultSetFormat) -> Response {
        format == .xml
            ? Response.text(xml(), contentType: ResultSetFormat.xml.contentType)
            : Response.text(json(), contentType: ResultSetFormat.json.contentType)
    }

    /// `{"items":[{"children":[…],"meta":{"xsi:type":"xnat:projectData","isHistory":false},"data_fields":{…}}]}`.
    func json() -> String {
        let fields = [
            ("ID", project.id.rawValue), ("secondary_ID", project.secondaryID), ("name", project.name),
            ("description", project.description),
        ]
        var children = ""
        let investigator = project.principalInvestigator
        if !investigator.firstName.isEmpty || !investigator.lastName.isEmpty {
            let names = [("firstname", investigator.firstName), ("lastname", investigator.lastName)]
            children = #"{"field":"PI","items":["# + item(type: "xnat:investigatorData", fields: names) + "]}"
        }
        return #"{"items":["# + item(type: "xnat:projectData", fields: fields, children: children) + "]}"
    }

    /// `<xnat:Project ID="…" secondary_ID="…">` with `name`, `description` and `PI`, in XNAT's namespace.
    func xml() -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<xnat:Project ID=\"\(XMLEscaping.escaped(project.id.rawValue, in: .attribute))\""
        text += " secondary_ID=\"\(XMLEscaping.escaped(project.secondaryID, in: .attribute))\""
        text += " xmlns:xnat=\"http://nrg.wustl.edu/xnat\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        text += "<xnat:name>\(XMLEscaping.escaped(project.name, in: .text))</xnat:name>\n"
        if !project.description.isEmpty {
            text += "<xnat:description>\(XMLEscaping.escaped(project.description, in: .text))</xnat:description>\n"
        }
        let investigator = project.principalInvestigator
        if !investigator.firstName.isEmpty || !investigator.lastName.isEmpty {
            text += "<xnat:PI><xnat:firstname>\(XMLEscaping.escaped(investigator.firstName, in: .text))</xnat:firstname>"
            text += "<xnat:lastname>\(XMLEscaping.escaped(investigator.lastName, in: .text))</xnat:lastname></xnat:PI>\n"
        }
        return text + "</xnat:Project>\n"
    }

    private func item(type: String, fields: [(String, String)], children: String = "") -> String {
        let dataFields = fields.map { JSONText.quoted($0.0) + ":" + JSONText.quoted($0.1) }.joined(separator: ",")
        return #"{"children":["# + children + #"],"meta":{"xsi:type":"# + JSONText.quoted(type)
            + #","isHistory":false},"data_fields":{"# + dataFields + "}}"
    }
}
