/// One data element of the DICOM data dictionary, PS3.6 §6.
package struct DictionaryEntry: Sendable, Hashable {
    /// The element's tag; for a repeating-group entry, the pattern with every `x` read as 0
    /// (`(6000,3000)` for `60xx3000`).
    package let tag: Tag
    /// Permitted VRs, default first: `[.US, .SS]` for "US or SS". Empty for Item and the
    /// delimiters, which have no VR.
    package let vrs: [VR]
    /// Value multiplicity as PS3.6 writes it: "1", "1-n", "2-2n", ...
    package let vm: String
    /// PS3.6 keyword, "PatientName"; empty for the few retired elements that have none.
    package let keyword: String
    /// PS3.6 name, "Patient's Name".
    package let name: String
    package let isRetired: Bool
    /// The repeating-group pattern, "60xx3000", or `nil` for an element with a fixed tag.
    package let pattern: String?

    /// The VR used to read the element from implicit-VR data.
    package var defaultVR: VR? { vrs.first }
}

/// Look-ups in the DICOM data dictionary (PS3.6), generated from pydicom's copy of it into
/// `DataDictionary.generated.swift` and parsed once, on first use.
package enum DataDictionary {
    /// The entry for `tag`: an exact match, else a synthetic Group Length entry (UL) for
    /// (gggg,0000), else a synthetic Private Creator entry (LO) for a private creator element,
    /// else a repeating-group entry (`60xx3000`). Other private tags have no entry.
    package static func entry(for tag: Tag) -> DictionaryEntry? {
        if let entry = tables.byTag[tag.rawValue] { return entry }
        if tag.isGroupLength {
            return DictionaryEntry(tag: tag, vrs: [.UL], vm: "1", keyword: "", name: "Group Length",
                                   isRetired: true, pattern: nil)
        }
        if tag.isPrivate {
            guard tag.isPrivateCreator else { return nil }
            return DictionaryEntry(tag: tag, vrs: [.LO], vm: "1", keyword: "PrivateCreator",
                                   name: "Private Creator", isRetired: false, pattern: nil)
        }
        for (mask, entries) in tables.repeaters {
            if let entry = entries[tag.rawValue & mask] { return entry }
        }
        return nil
    }

    /// The entry whose PS3.6 keyword is `keyword` ("PatientName", "OverlayData").
    package static func entry(forKeyword keyword: String) -> DictionaryEntry? {
        tables.byKeyword[keyword]
    }

    /// The PS3.6 keyword of `tag`, or `nil` when the dictionary gives it none.
    package static func keyword(for tag: Tag) -> String? {
        guard let keyword = entry(for: tag)?.keyword, !keyword.isEmpty else { return nil }
        return keyword
    }

    /// The VR to read `tag` with from implicit-VR data; the first one for entries that allow
    /// several ("US or SS" gives US). `nil` for unknown tags and for Item and the delimiters.
    package static func defaultVR(for tag: Tag) -> VR? {
        entry(for: tag)?.vrs.first
    }

    /// Every entry: the fixed tags in tag order, then the repeating groups.
    package static var allEntries: [DictionaryEntry] { tables.all }

    // MARK: - Parsing the generated tables

    struct Tables: Sendable {
        var all: [DictionaryEntry] = []
        var byTag: [UInt32: DictionaryEntry] = [:]
        var byKeyword: [String: DictionaryEntry] = [:]
        /// Repeating-group entries keyed by `tag & mask`, one dictionary per mask, most specific first.
        var repeaters: [(mask: UInt32, entries: [UInt32: DictionaryEntry])] = []
    }

    private static let tables = parse()

    /// Parses the generated tables; runs once, on the first look-up (internal so tests can time it).
    static func parse() -> Tables {
        var tables = Tables()
        var byMask: [UInt32: [UInt32: DictionaryEntry]] = [:]
        for (table, isPattern) in [(mainTable, false), (repeatersTable, true)] {
            for line in table.utf8.split(separator: UInt8(ascii: "\n")) {
                let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                    .map { String(Substring($0)) }
                precondition(fields.count == 6, "malformed data dictionary line: \(fields)")
                // In a pattern every `x` digit is free: it reads as 0 in the value and in the mask.
                let hex = isPattern ? String(fields[0].map { $0 == "x" ? "0" : $0 }) : fields[0]
                let value = UInt32(hex, radix: 16)!
                let mask = isPattern ? UInt32(String(fields[0].map { $0 == "x" ? "0" : "F" }), radix: 16)! : ~0
                // The generator checks every VR, so only `NONE` (Item and the delimiters) maps to none.
                let entry = DictionaryEntry(
                    tag: Tag(value),
                    vrs: fields[1].split(separator: "|").compactMap { VR(rawValue: String($0)) },
                    vm: fields[2], keyword: fields[3], name: fields[4], isRetired: fields[5] == "1",
                    pattern: isPattern ? fields[0] : nil
                )
                tables.all.append(entry)
                if isPattern {
                    byMask[mask, default: [:]][value] = entry
                } else {
                    tables.byTag[value] = entry
                }
                if !entry.keyword.isEmpty, tables.byKeyword[entry.keyword] == nil {
                    tables.byKeyword[entry.keyword] = entry
                }
            }
        }
        tables.repeaters = byMask
            .sorted { ($0.key.nonzeroBitCount, $0.key) > ($1.key.nonzeroBitCount, $1.key) }
            .map { (mask: $0.key, entries: $0.value) }
        return tables
    }
}
