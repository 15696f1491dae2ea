/// A DICOM receiver (C-STORE SCP) kept in the database and managed through `/xapi/dicomscp`, with XNAT's
/// `DicomSCPInstance` fields (1.8) plus Sluice's `defaultProject`. Sluice ignores `customProcessing`,
/// `directArchive` and `anonymizationEnabled` but keeps them so clients read back what they wrote.
package struct DICOMReceiverDefinition: Sendable, Equatable, Codable {
    /// Assigned by the database; 0 before insertion.
    package var id: Int
    package var aeTitle: String
    package var port: Int
    package var enabled: Bool
    package var customProcessing: Bool
    package var directArchive: Bool
    package var anonymizationEnabled: Bool
    /// Only calling AE titles in `whitelist` may associate (A-ASSOCIATE-RJ "calling AE title not recognized").
    package var whitelistEnabled: Bool
    /// Calling AE titles; XNAT's `AE@host` form is accepted and only the AE title is compared.
    package var whitelist: [String]
    /// The routing expressions below apply only when this is set (§3.4).
    package var routingExpressionsEnabled: Bool
    package var projectRoutingExpression: String
    package var subjectRoutingExpression: String
    package var sessionRoutingExpression: String
    /// The project for objects nothing else routes (Sluice only); empty: Unassigned.
    package var defaultProject: String

    /// A receiver with XNAT's defaults (enabled, no rules, no allow list).
    package init(id: Int = 0, aeTitle: String, port: Int, enabled: Bool = true) {
        self.id = id
        self.aeTitle = aeTitle
        self.port = port
        self.enabled = enabled
        customProcessing = false
        directArchive = false
        anonymizationEnabled = false
        whitelistEnabled = false
        whitelist = []
        routingExpressionsEnabled = false
        projectRoutingExpression = ""
        subjectRoutingExpression = ""
        sessionRoutingExpression = ""
        defaultProject = ""
    }

    /// What an AE title must be (PS3.5 §6.2, AE): 1–16 characters, no backslash or control characters.
    package static let aeTitleRequirement = "must be 1 to 16 characters, no backslash or control characters, not only spaces"

    /// `text` trimmed of spaces if it is a valid AE title, else `nil`.
    package static func validAETitle(_ text: String) -> String? {
        let title = text.trimmingASCIIWhitespace()
        guard !title.isEmpty, title.utf8.count <= 16,
            title.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0 != "\\" && $0.value != 0x7F })
        else { return nil }
        return title
    }

    /// The calling AE titles allowed, or `nil` when the allow list is off.
    package var allowedCallingAETitles: Set<String>? {
        guard whitelistEnabled else { return nil }
        return Set(whitelist.map { entry in
            String(entry.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingASCIIWhitespace()
        })
    }

    /// The receiver's routing: its expressions when enabled, and its default project.
    package func routing() throws(RoutingRuleError) -> ReceiverRouting {
        var rules = RoutingRules()
        if routingExpressionsEnabled {
            rules.project = try RoutingRules.parse(projectRoutingExpression)
            rules.subject = try RoutingRules.parse(subjectRoutingExpression)
            rules.session = try RoutingRules.parse(sessionRoutingExpression)
        }
        return ReceiverRouting(rules: rules, defaultProject: defaultProject.isEmpty ? nil : defaultProject)
    }
}
