/// Which name a gradual-DICOM or DICOM-zip object is stored under (`xnat-import-spec.md` §7.3; XNAT
/// `GradualDicomImporter.getSafeFile`): the client's name when it is safe, else the template name.
package enum StoredFileName {
    /// The request parameter that forces the template name; raw value is the wire name.
    package enum Parameter: String, Sendable {
        case rename = "rename"
    }

    /// Longest name we keep from a client: Linux file names are at most 255 bytes.
    package static let maximumClientNameLength = 255

    /// What is already stored under a candidate name in the scan's `DICOM` directory.
    package enum ExistingFile: Sendable, Equatable {
        /// No file has that name.
        case absent
        /// A DICOM object with these UIDs.
        case instance(sopClassUID: String?, sopInstanceUID: String?)
        /// Something that cannot be read as DICOM.
        case unreadable
    }

    /// Whether a `rename` value asks for the template name: only `true`, in any case (Java `Boolean.parseBoolean`).
    package static func forcesTemplate(rename value: String?) -> Bool {
        value?.lowercased() == "true"
    }

    /// The client's file name made safe: characters outside `[A-Za-z0-9_.-]` become `_` (`Files.toFileNameChars`),
    /// then leading dots are dropped; `nil` when nothing usable is left or the name is longer than 255 bytes.
    ///
    /// Dropping leading dots goes beyond XNAT: it keeps `.`, `..` and hidden files out of the archive (XNAT relies
    /// on reading `..` as DICOM failing), the same rule the template name follows. For zip and tar entries pass
    /// the last path component; `/` and `\` would become `_` anyway.
    package static func clientName(_ name: String?) -> String? {
        guard let name else { return nil }
        let safe = LabelSanitizer.sanitize(name, allowing: .fileName).drop { $0 == "." }
        guard !safe.isEmpty, safe.utf8.count <= maximumClientNameLength else { return nil }
        return String(safe)
    }

    /// The name to store an object under.
    ///
    /// 1. `rename` → the template name;
    /// 2. no usable client name → the template name;
    /// 3. nothing stored under the client name yet → the client name;
    /// 4. the stored file is the same instance (same SOPInstanceUID and SOPClassUID) → the client name, replacing it;
    /// 5. otherwise → the template name.
    ///
    /// - Parameters:
    ///   - generatedName: `FileNameTemplate.fileName(for:)` of the object.
    ///   - clientName: the name the client gave, as received.
    ///   - sopClassUID, sopInstanceUID: the object's UIDs.
    ///   - existingFile: what the scan's `DICOM` directory holds under a name.
    package static func choose(
        generatedName: String,
        clientName: String?,
        rename: Bool,
        sopClassUID: String,
        sopInstanceUID: String,
        existingFile: (String) -> ExistingFile
    ) -> String {
        guard !rename, let client = Self.clientName(clientName) else { return generatedName }
        switch existingFile(client) {
        case .absent:
            return client
        case .instance(let existingClass, let existingInstance)
        where existingClass == sopClassUID && existingInstance == sopInstanceUID:
            return client
        case .instance, .unreadable:
            return generatedName
        }
    }
}
