import Hummingbird

/// One archive object as `GET <object-uri>?format=json` answers it: XNAT's `items` JSON (`xnat-clients.md` §1.4).
///
/// ```
/// {"items":[{"children":[{"field":"scans/scan","items":[…]}],
///            "meta":{"xsi:type":"xnat:mrSessionData","isHistory":false},
///            "data_fields":{"ID":"…","label":"…",…}}]}
/// ```
///
/// Values are strings, in the order given; fields without a value are left out, as XNAT leaves out nulls.
/// xnatpy picks the first item with `isHistory == false` and builds the class `meta.xsi:type` names.
struct ItemsDocument {
    /// One object: its type, its fields and its child objects grouped by XML path.
    struct Item {
        /// `meta.xsi:type`, such as `xnat:subjectData`.
        var type: String
        /// `data_fields`, in order; `nil` and empty values are omitted.
        var fields: [(String, String?)]
        /// `children`: one group per field path (such as `scans/scan`) with its items.
        var children: [(field: String, items: [Item])] = []

        /// The item as a JSON object.
        func json() -> String {
            let groups = children.map { group in
                #"{"field":"# + JSONText.quoted(group.field) + #","items":["#
                    + group.items.map { $0.json() }.joined(separator: ",") + "]}"
            }
            let values = fields.compactMap { name, value -> String? in
                guard let value, !value.isEmpty else { return nil }
                return JSONText.quoted(name) + ":" + JSONText.quoted(value)
            }
            return #"{"children":["# + groups.joined(separator: ",") + #"],"meta":{"xsi:type":"#
                + JSONText.quoted(type) + #","isHistory":false},"data_fields":{"# + values.joined(separator: ",")
                + "}}"
        }
    }

    /// The items; XNAT answers one for an object.
    var items: [Item]

    /// `{"items":[…]}`.
    func json() -> String {
        #"{"items":["# + items.map { $0.json() }.joined(separator: ",") + "]}"
    }

    /// A 200 JSON response.
    func response() -> Response {
        Response.text(json(), contentType: ResultSetFormat.json.contentType)
    }
}
