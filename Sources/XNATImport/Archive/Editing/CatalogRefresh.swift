import Foundation

/// What `POST /data/services/refresh/catalog` does to each catalog (`xnat-import-spec.md` §11).
package struct CatalogRefreshOperations: OptionSet, Sendable, Hashable {
    package let rawValue: Int

    package init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Add entries for files in the resource folder that the catalog does not list.
    package static let append = CatalogRefreshOperations(rawValue: 1 << 0)
    /// Compute the MD5 of every entry's file; record new and changed digests.
    package static let checksum = CatalogRefreshOperations(rawValue: 1 << 1)
    /// Remove entries whose file is missing.
    package static let delete = CatalogRefreshOperations(rawValue: 1 << 2)
    /// Recompute file counts and sizes (entry `size_in_bytes`, resource `file_count` and `file_size`).
    package static let populateStats = CatalogRefreshOperations(rawValue: 1 << 3)

    /// Every operation: what a request with no flags asks for.
    package static let all: CatalogRefreshOperations = [.append, .checksum, .delete, .populateStats]

    /// The operation a request flag or `options` word names (`append`, `checksum`, `delete`, `populateStats`).
    package init?(name: String) {
        switch name.trimmingCharacters(in: .whitespaces).lowercased() {
        case "append": self = .append
        case "checksum": self = .checksum
        case "delete": self = .delete
        case "populatestats": self = .populateStats
        default: return nil
        }
    }
}

/// What refreshing one resource's catalog changed.
package struct CatalogRefreshSummary: Sendable, Equatable {
    /// The resource's label.
    package var resource: String
    /// Entries added for files the catalog did not list.
    package var added: Int = 0
    /// Entries removed because their file is missing.
    package var removed: Int = 0
    /// Entries whose digest or size was recorded or changed.
    package var updated: Int = 0

    /// A summary for `resource` with nothing changed yet.
    package init(resource: String) {
        self.resource = resource
    }

    /// Whether anything changed.
    package var changedCatalog: Bool { added > 0 || removed > 0 || updated > 0 }
}

/// Which part of a session a refresh covers.
package enum CatalogRefreshScope: Sendable, Equatable {
    /// Every resource of the session and its scans.
    case session
    /// Every resource of one scan.
    case scan(String)
    /// One resource of the session or of a scan.
    case resource(ResourceOwner, String)
}
