/// The character rules XNAT applies to labels and names (`xnat-import-spec.md` §3.3). Each rule replaces every
/// Unicode scalar outside its allowed ASCII set with `_`, one `_` per scalar (Java's regex replacement works by
/// code point): `Zoë` becomes `Zo_`, `🧠` one `_`, a decomposed `e` + U+0301 `e_`. Nothing is trimmed or
/// shortened unless a rule says so.
package enum LabelSanitizer {
    /// The allowed characters of a rule.
    package enum CharacterSet: Sendable {
        /// `[A-Za-z0-9_-]` (Java `[\w-]`): subject and session labels from DICOM, the scan directory from a
        /// SeriesInstanceUID (dicom-xnat `Labels.toLabelChars`).
        case label
        /// `[A-Za-z0-9_]` (Java `\w`): SI study folders from PatientID, scan IDs from a SeriesInstanceUID.
        case word
        /// `[A-Za-z0-9_.-]` (Java `[\w.-]`): client file names (dicom-xnat `Files.toFileNameChars`).
        case fileName

        func allows(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_": true
            case "-": self != .word
            case ".": self == .fileName
            default: false
            }
        }
    }

    /// `text` with every character outside `allowed` replaced by `_`.
    package static func sanitize(_ text: String, allowing allowed: CharacterSet) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(allowed.allows(scalar) ? scalar : "_")
        }
        return String(result)
    }

    /// Whether `text` is non-empty and made only of `allowed` characters (dicom-xnat `Labels.isValidLabel`,
    /// `Files.isValidFilename`).
    package static func isValid(_ text: String, allowing allowed: CharacterSet) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy(allowed.allows)
    }

    /// A subject or session label taken from DICOM (§3.1): `Sample Patient` → `Sample_Patient`,
    /// `Doe^John` → `Doe_John`, `1.2/3` → `1_2_3`. Surrounding whitespace is dropped first, so a padded value
    /// does not gain `_` at its ends; `nil` when nothing is left.
    package static func label(_ text: String) -> String? {
        let trimmed = text.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : sanitize(trimmed, allowing: .label)
    }

    /// The SI study folder name from a PatientID: word characters only (`-` becomes `_` too), `session` when
    /// there is no PatientID (§3.3).
    package static func studyFolderName(patientID: String?) -> String {
        let trimmed = patientID?.trimmingASCIIWhitespace() ?? ""
        return trimmed.isEmpty ? "session" : sanitize(trimmed, allowing: .word)
    }

    /// A label checked at archive time (XNAT's `cleanValue`, UNVERIFIED in the spec). Chosen: trim, then the
    /// label rule, so the archive accepts exactly what the prearchive made from DICOM; `nil` when empty.
    package static func archiveLabel(_ text: String) -> String? {
        label(text)
    }
}
