extension CatalogDocument {
    /// What makes two entries the same file (`xnat-import-spec.md` §6.4).
    package enum EntryIdentity: Hashable, Sendable {
        /// The SOPInstanceUID, when XNAT's `useSopInstanceUidToUniquelyIdentifyDicom` (default on) is set and the
        /// entry has one.
        case uid(String)
        /// The URI, otherwise.
        case uri(String)
    }

    /// How ``merging(_:options:)`` treats entries the catalog already has.
    package struct MergeOptions: Sendable, Equatable {
        /// Replace existing entries with incoming ones instead of refusing the merge.
        package var overwrite: Bool
        /// Identify DICOM entries by SOPInstanceUID rather than URI (XNAT's default).
        package var identifiesBySOPInstanceUID: Bool

        /// Creates options; XNAT merges without overwriting and identifies by SOPInstanceUID by default.
        package init(overwrite: Bool = false, identifiesBySOPInstanceUID: Bool = true) {
            self.overwrite = overwrite
            self.identifiesBySOPInstanceUID = identifiesBySOPInstanceUID
        }
    }

    /// The outcome of a merge: the merged catalog and what changed.
    package struct MergeResult: Sendable, Equatable {
        /// The merged catalog: existing entries in their order, replaced ones in place, new ones appended.
        package var catalog: CatalogDocument
        /// Incoming entries that were new.
        package var added: [Entry]
        /// Existing entries that incoming ones replaced, paired with their replacements; callers move the old
        /// files to history and handle renames.
        package var replaced: [Replacement]

        /// Creates a result.
        package init(catalog: CatalogDocument, added: [Entry], replaced: [Replacement]) {
            self.catalog = catalog
            self.added = added
            self.replaced = replaced
        }
    }

    /// An existing entry and the incoming entry that took its place.
    package struct Replacement: Sendable, Equatable {
        /// The entry the catalog had.
        package var previous: Entry
        /// The entry now in its place.
        package var current: Entry

        /// Creates a replacement.
        package init(previous: Entry, current: Entry) {
            self.previous = previous
            self.current = current
        }
    }

    /// The incoming entries that already exist, when merging without overwrite (XNAT answers 409 "Duplicate
    /// DICOM file uploaded." for DICOM entries, "Duplicate file uploaded." otherwise).
    package struct MergeConflict: Error, Equatable, Sendable {
        /// The identities found in both catalogs, in incoming order.
        package var duplicates: [EntryIdentity]

        /// Creates the conflict.
        package init(duplicates: [EntryIdentity]) {
            self.duplicates = duplicates
        }
    }

    /// How `entry` is identified under `options`.
    package static func identity(of entry: Entry, options: MergeOptions = MergeOptions()) -> EntryIdentity {
        if options.identifiesBySOPInstanceUID, let uid = entry.uid, !uid.isEmpty {
            return .uid(uid)
        }
        return .uri(entry.uri)
    }

    /// This catalog with `incoming`'s entries merged in (§6.4): new entries are appended; an entry that already
    /// exists (also one repeated within `incoming`) replaces the existing one in place when `options.overwrite`
    /// is set, and otherwise fails the whole merge. Everything else about this catalog (UID, meta fields,
    /// dimensions) is kept.
    package func merging(
        _ incoming: CatalogDocument,
        options: MergeOptions = MergeOptions()
    ) throws(MergeConflict) -> MergeResult {
        var merged = self
        var positions: [EntryIdentity: Int] = [:]
        for (position, entry) in entries.enumerated() {
            positions[Self.identity(of: entry, options: options)] = position
        }
        var added: [Entry] = []
        var replaced: [Replacement] = []
        var duplicates: [EntryIdentity] = []
        for entry in incoming.entries {
            let identity = Self.identity(of: entry, options: options)
            if let position = positions[identity] {
                guard options.overwrite else {
                    duplicates.append(identity)
                    continue
                }
                replaced.append(Replacement(previous: merged.entries[position], current: entry))
                merged.entries[position] = entry
            } else {
                positions[identity] = merged.entries.count
                merged.entries.append(entry)
                added.append(entry)
            }
        }
        guard duplicates.isEmpty else {
            throw MergeConflict(duplicates: duplicates)
        }
        return MergeResult(catalog: merged, added: added, replaced: replaced)
    }

    /// SOPInstanceUIDs that more than one entry carries, in first-seen order; archiving refuses such catalogs
    /// unless exceptions are overridden (§6.2 step 10).
    package var duplicateSOPInstanceUIDs: [String] {
        var seen: Set<String> = []
        var reported: Set<String> = []
        var duplicates: [String] = []
        for uid in entries.compactMap(\.uid) where !uid.isEmpty {
            if !seen.insert(uid).inserted, reported.insert(uid).inserted {
                duplicates.append(uid)
            }
        }
        return duplicates
    }
}
