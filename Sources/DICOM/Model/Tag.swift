/// A DICOM attribute tag: a (group, element) pair, PS3.5 §7.1.
///
/// Constants for every standard attribute are generated from the data dictionary
/// (`Tag.patientName`, `Tag.studyInstanceUID`, ...) in `Dictionary/Tag+Keywords.generated.swift`.
package struct Tag: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The tag as one 32-bit number, group in the high half: `0x0010_0010` for (0010,0010).
    package let rawValue: UInt32

    package init(_ rawValue: UInt32) {
        self.rawValue = rawValue
    }

    package init(group: UInt16, element: UInt16) {
        self.rawValue = UInt32(group) << 16 | UInt32(element)
    }

    package var group: UInt16 { UInt16(truncatingIfNeeded: rawValue >> 16) }
    package var element: UInt16 { UInt16(truncatingIfNeeded: rawValue) }

    /// Private tags have an odd group number (PS3.5 §7.8).
    package var isPrivate: Bool { group & 1 == 1 }

    /// Private creator elements, (gggg,0010)-(gggg,00FF) in an odd group (PS3.5 §7.8.1).
    package var isPrivateCreator: Bool { isPrivate && element >= 0x0010 && element <= 0x00FF }

    /// Group length elements, (gggg,0000) (PS3.5 §7.2).
    package var isGroupLength: Bool { element == 0 }

    /// File meta information elements live in group 0002 (PS3.10 §7.1).
    package var isFileMeta: Bool { group == 0x0002 }

    /// Item (FFFE,E000), Item Delimitation (FFFE,E00D) and Sequence Delimitation (FFFE,E0DD) tags.
    package var isDelimiter: Bool { group == 0xFFFE }

    /// `(0010,0010)`.
    package var description: String {
        "(\(hex4(group)),\(hex4(element)))"
    }

    /// `00100010`, the form used as a key in the DICOM JSON model (PS3.18 §F.2.1.1).
    package var hexString: String {
        hex4(group) + hex4(element)
    }

    package static func < (lhs: Tag, rhs: Tag) -> Bool { lhs.rawValue < rhs.rawValue }

    // MARK: - Delimiters (PS3.5 §7.5)

    package static let item = Tag(0xFFFE_E000)
    package static let itemDelimitationItem = Tag(0xFFFE_E00D)
    package static let sequenceDelimitationItem = Tag(0xFFFE_E0DD)
}

/// Four upper-case hex digits, zero padded.
func hex4(_ value: UInt16) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    var out = [UInt8](repeating: 0, count: 4)
    for index in 0..<4 {
        out[3 - index] = digits[Int((value >> (UInt16(index) * 4)) & 0xF)]
    }
    return String(decoding: out, as: UTF8.self)
}
