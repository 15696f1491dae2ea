/// A project's ID (`xnat:projectData/@ID`): what URLs, prearchive folders and the `project` import parameter use.
///
/// XNAT accepts IDs matching `^[A-z0-9_-]+$` (`XftStringUtils.isValidId`; the `A-z` range also lets `[ \ ] ^ _ \``
/// through by accident, which Sluice does not copy). XNAT sets no length in code; the ID is stored in a 255-character
/// column, and Sluice keeps that limit so an ID always fits as one folder name.
package struct ProjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The longest ID accepted.
    package static let maximumLength = 255

    /// The ID as given, for example `TESTPROJ`; IDs are case-sensitive.
    package let rawValue: String

    /// Validates an ID: 1–255 ASCII letters, digits, `_` and `-`.
    package init(_ text: String) throws(ProjectError) {
        guard !text.isEmpty, text.utf8.allSatisfy(Self.isAllowed) else {
            throw ProjectError(.invalidID, message: "Invalid character in project ID.")
        }
        guard text.utf8.count <= Self.maximumLength else {
            throw ProjectError(.invalidID, message: "Project ID is longer than \(Self.maximumLength) characters.")
        }
        rawValue = text
    }

    /// Whether `text` is a valid ID.
    package static func isValid(_ text: String) -> Bool {
        (try? ProjectID(text)) != nil
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// The ID.
    package var description: String {
        rawValue
    }

    /// Orders IDs by their text.
    package static func < (left: ProjectID, right: ProjectID) -> Bool {
        left.rawValue < right.rawValue
    }
}
