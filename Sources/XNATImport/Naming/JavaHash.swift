/// The hash of XNAT's file-name template (`xnat-import-spec.md` §7.2, verified): Java's `List.hashCode` of the
/// element values, shown as an unsigned 32-bit number in base 36 (`Long.toString(h & 0xFFFFFFFF, 36)`).
package enum JavaHash {
    /// Java `String.hashCode`: `h = 31 * h + c` over the UTF-16 code units, wrapping at 32 bits.
    package static func hash(_ text: String) -> Int32 {
        var hash: Int32 = 0
        for unit in text.utf16 {
            hash = hash &* 31 &+ Int32(unit)
        }
        return hash
    }

    /// Java `List.hashCode`: `h = 31 * h + e.hashCode()` from 1, with 0 for a `null` element.
    package static func hash(_ values: [String?]) -> Int32 {
        var hash: Int32 = 1
        for value in values {
            hash = hash &* 31 &+ (value.map(Self.hash) ?? 0)
        }
        return hash
    }

    /// `hash` read as unsigned and written in lowercase base 36 without padding: `0xE24730F7` → `1qs88hj`.
    package static func base36(_ hash: Int32) -> String {
        String(UInt32(bitPattern: hash), radix: 36)
    }
}
