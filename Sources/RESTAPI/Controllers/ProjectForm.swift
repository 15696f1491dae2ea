import Hummingbird
import XNATImport

/// The fields of `PUT /data/projects/{ID}`, from the query string and, if any, an
/// `application/x-www-form-urlencoded` body.
///
/// Names are XNAT's shortcuts (`name`, `secondary_ID`, `description`, `pi_firstname`, `pi_lastname`) or the XML
/// paths `xnat:projectData/name`, `…/secondary_ID`, `…/description`, `…/PI/firstname`, `…/PI/lastname`
/// (`req_format=qs`). Other parameters (`xsiType`, `accessibility`, `alias`, `keywords`, …) are accepted and ignored,
/// and so is an XML body.
struct ProjectForm {
    /// The largest form body read.
    static let maximumBodySize = 1024 * 1024

    private static var names: [(field: WritableKeyPath<ProjectFields, String?>, names: [String])] {
        [
            (\.name, ["name", "xnat:projectData/name"]),
            (\.secondaryID, ["secondary_ID", "xnat:projectData/secondary_ID"]),
            (\.description, ["description", "xnat:projectData/description"]),
            (\.investigatorFirstName, ["pi_firstname", "xnat:projectData/PI/firstname"]),
            (\.investigatorLastName, ["pi_lastname", "xnat:projectData/PI/lastname"]),
        ]
    }

    var fields = ProjectFields()

    init(request: Request) async throws {
        var values = URLEncodedFields.parse(request.uri.query ?? "")
        if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            let body = String(buffer: try await request.body.collect(upTo: Self.maximumBodySize))
            values.merge(URLEncodedFields.parse(body)) { query, _ in query }
        }
        for entry in Self.names {
            if let value = entry.names.lazy.compactMap({ values[$0] }).first {
                fields[keyPath: entry.field] = value
            }
        }
    }
}
