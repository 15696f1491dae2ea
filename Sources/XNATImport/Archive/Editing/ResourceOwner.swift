/// What a resource of an archived session belongs to: the session itself (`…/experiments/E/resources/R`) or one of
/// its scans (`…/scans/S/resources/R`).
package enum ResourceOwner: Sendable, Equatable, CustomStringConvertible {
    /// The session.
    case session
    /// The scan with this ID.
    case scan(String)

    /// The folder a new resource labelled `label` gets, relative to the session folder: `RESOURCES/<label>` or
    /// `SCANS/<scan>/<label>`, as XNAT lays them out.
    func folder(label: String) -> String {
        switch self {
        case .session: "RESOURCES/\(label)"
        case .scan(let id): "SCANS/\(id)/\(label)"
        }
    }

    /// `session` or `scan <id>`, for messages.
    package var description: String {
        switch self {
        case .session: "the session"
        case .scan(let id): "scan \(id)"
        }
    }
}

extension SessionDocument {
    /// The resources of `owner`; `nil` when it is a scan the document does not have.
    package func resources(of owner: ResourceOwner) -> [Resource]? {
        switch owner {
        case .session: resources
        case .scan(let id): scans.first { $0.id == id }?.resources
        }
    }

    /// The resource of `owner` named `name`: by label, exactly and then ignoring case (the
    /// `xnat_abstractresource_id` Sluice lists is the label too).
    package func resource(_ name: String, of owner: ResourceOwner) -> Resource? {
        guard let resources = resources(of: owner) else { return nil }
        return resources.first { $0.label == name } ?? resources.first { $0.label?.lowercased() == name.lowercased() }
    }

    /// Replaces the resources of `owner` (which must exist) with the result of `change`.
    mutating func updateResources(of owner: ResourceOwner, _ change: (inout [Resource]) throws -> Void) rethrows {
        switch owner {
        case .session:
            try change(&resources)
        case .scan(let id):
            guard let index = scans.firstIndex(where: { $0.id == id }) else { return }
            try change(&scans[index].resources)
        }
    }
}
