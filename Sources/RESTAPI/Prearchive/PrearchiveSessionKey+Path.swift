import Foundation
import Hummingbird
import XNATImport

extension PrearchiveSessionKey {
    /// The key named by the route parameters `:project/:timestamp/:folder`, percent-decoded; 404 when they cannot
    /// name a session (a bad timestamp, an unsafe name).
    init(pathOf context: AppRequestContext) throws(ImportError) {
        func segment(_ name: String) -> String {
            let raw = context.parameters.get(name) ?? ""
            return raw.removingPercentEncoding ?? raw
        }
        guard let timestamp = PrearchiveTimestamp(rawValue: segment("timestamp")),
            let key = try? PrearchiveSessionKey(
                project: segment("project"),
                timestamp: timestamp,
                folderName: segment("folder")
            )
        else {
            throw ImportError(.notFound, "No prearchive session \(segment("project"))/\(segment("timestamp"))/…")
        }
        self = key
    }
}
