import DICOM
import Foundation

/// A DICOM receiver's routing (`xnat-import-spec.md` §3.1, §3.4): its own rules, used only for C-STORE (XNAT
/// keeps them out of `/data/services/import`), and the project for objects nothing else routes.
package struct ReceiverRouting: Sendable {
    /// The receiver's rules, before the header defaults.
    package var rules: RoutingRules
    /// The project for objects whose rules and headers name no existing project; `nil`: Unassigned.
    package var defaultProject: String?

    /// Creates the routing.
    package init(rules: RoutingRules = RoutingRules(), defaultProject: String? = nil) {
        self.rules = rules
        self.defaultProject = defaultProject
    }
}

/// Why a stored instance was refused because its data set contradicts its C-STORE command (DIMSE 0xA900).
package struct StoredInstanceMismatch: Error, Sendable, CustomStringConvertible {
    /// One sentence for the log.
    package var description: String
}

extension ImportService {
    /// The C-STORE receiver's way into gradual-DICOM (§2.1): reads the staged Part-10 `file`, checks that its
    /// SOP Class and Instance UIDs are the ones the command announced, routes it with the receiver's rules and
    /// default project, and places it into its prearchive session under the template name (XNAT's receiver
    /// names files that way). The file is renamed into place: on return it is durable in the prearchive.
    ///
    /// - Throws: ``StoredInstanceMismatch``; ``ImportError`` (`.invalidRequest` for an unreadable object,
    ///   `.serverFailure` for disk and database failures).
    package func receiveStoredInstance(
        file: URL,
        callingAE: String,
        calledAE: String,
        receiver: ReceiverRouting,
        sopClassUID: String? = nil,
        sopInstanceUID: String? = nil
    ) async throws -> PrearchiveSessionKey {
        let object = try await BlockingWork.run {
            try IncomingObject.read(file: file, clientName: nil, displayName: "from \(callingAE)")
        }
        if let sopClassUID, object.sopClassUID != sopClassUID {
            throw StoredInstanceMismatch(description: "SOP Class UID \(object.sopClassUID), the command said \(sopClassUID)")
        }
        if let sopInstanceUID, object.sopInstanceUID != sopInstanceUID {
            throw StoredInstanceMismatch(
                description: "SOP Instance UID \(object.sopInstanceUID), the command said \(sopInstanceUID)"
            )
        }
        // The receiver's rules come first, then the site's (§3.4).
        var rules = identifier.rules
        rules.project = receiver.rules.project + rules.project
        rules.subject = receiver.rules.subject + rules.subject
        rules.session = receiver.rules.session + rules.session
        rules.autoArchive = receiver.rules.autoArchive + rules.autoArchive
        let identifier = SessionIdentifier(rules: rules)
        let projects = try await prearchive.store.projects()
        let byID = Dictionary(projects.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        var identity = identifier.identify(object.header, explicit: ExplicitRouting()) { byID[$0.value]?.id.rawValue }
        if identity.project == nil, let fallback = receiver.defaultProject, byID[fallback] != nil {
            identity = identifier.identify(object.header, explicit: ExplicitRouting(), project: fallback)
        }
        let placement = Placement(
            object: object,
            identity: identity,
            projectCode: identity.project.flatMap { byID[$0]?.prearchiveCode }
        )
        let keys = try await prearchive.receive([placement], rename: true, options: SessionOptions())
        guard let key = keys.first else { throw ImportError(.serverFailure, "the instance was not placed") }
        return key
    }
}
