/// One registered DICOM UID, PS3.6 Annex A.
package struct UIDEntry: Sendable, Hashable {
    /// "1.2.840.10008.1.2.1".
    package let uid: String
    /// "Explicit VR Little Endian"; empty for the few retired UIDs that PS3.6 no longer names.
    package let name: String
    /// "Transfer Syntax", "SOP Class", "Well-known SOP Instance", ...
    package let type: String
    /// "ExplicitVRLittleEndian"; may be empty.
    package let keyword: String
    package let isRetired: Bool
}

/// Look-ups in the DICOM UID registry (PS3.6 Annex A), generated from pydicom's copy of it into
/// `UIDRegistry.generated.swift` and parsed once, on first use.
package enum UIDRegistry {
    /// The registry entry for `uid`, which must be given without padding (no trailing NUL or space).
    package static func entry(for uid: String) -> UIDEntry? {
        tables.byUID[uid]
    }

    /// The entry whose keyword is `keyword` ("ExplicitVRLittleEndian", "CTImageStorage").
    package static func entry(forKeyword keyword: String) -> UIDEntry? {
        tables.byKeyword[keyword]
    }

    /// The registered name of `uid`, "CT Image Storage"; `nil` for unregistered UIDs.
    package static func name(for uid: String) -> String? {
        guard let name = entry(for: uid)?.name, !name.isEmpty else { return nil }
        return name
    }

    /// Every registered UID, in UID order.
    package static var allEntries: [UIDEntry] { tables.all }

    // MARK: - Parsing the generated table

    struct Tables: Sendable {
        var all: [UIDEntry] = []
        var byUID: [String: UIDEntry] = [:]
        var byKeyword: [String: UIDEntry] = [:]
    }

    private static let tables = parse()

    /// Parses the generated table; runs once, on the first look-up (internal so tests can time it).
    static func parse() -> Tables {
        var tables = Tables()
        for line in table.utf8.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                .map { String(Substring($0)) }
            precondition(fields.count == 5, "malformed UID registry line: \(fields)")
            let entry = UIDEntry(uid: fields[0], name: fields[1], type: fields[2], keyword: fields[3],
                                 isRetired: fields[4] == "1")
            tables.all.append(entry)
            tables.byUID[entry.uid] = entry
            if !entry.keyword.isEmpty { tables.byKeyword[entry.keyword] = entry }
        }
        return tables
    }
}
