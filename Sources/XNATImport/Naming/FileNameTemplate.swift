import DICOM

/// The server's name for a stored DICOM file (`xnat-import-spec.md` §7.1; XNAT `TemplatizedDicomFileNamer`).
///
/// `${Keyword}` is the element's first value, or `no-value-for-<Keyword>` when it is absent or blank;
/// `${Hash<A>With<B>[With<C>…]}` is `JavaHash` of those values (placeholders included) in base 36. Other text
/// is copied; `$${` writes a literal `${`. A template whose last `.`-suffix is not alphanumeric gets `.dcm`.
/// Leading dots of the result are removed (`getSafeFile`).
///
/// Beyond XNAT: the result is also made a safe file name (`[A-Za-z0-9_.-]`, others → `_`). XNAT copies values
/// unchanged, so `${PatientName}` could write `Doe^John` or, with a `/`, a path into another directory. The
/// default template uses UIDs, IS numbers and the hash, which are unaffected (an IS written `+3` becomes `_3`).
/// XNAT also accepts `HashAWith` (one attribute) and reads the extension test as `[A-z0-9]`, which lets `_`,
/// `^` and `[\]` pass; we require two attributes and alphanumeric extensions.
package struct FileNameTemplate: Sendable, Equatable {
    /// XNAT's default, `${StudyInstanceUID}-${SeriesNumber}-${InstanceNumber}-${HashSOPClassUIDWithSOPInstanceUID}`.
    package static let standard = try! FileNameTemplate(
        "${StudyInstanceUID}-${SeriesNumber}-${InstanceNumber}-${HashSOPClassUIDWithSOPInstanceUID}"
    )

    /// An attribute a template reads.
    package struct Attribute: Sendable, Equatable {
        /// The PS3.6 keyword as written in the template.
        package let keyword: String
        /// The element the keyword names.
        package let tag: Tag
    }

    private enum Part: Sendable, Equatable {
        case literal(String)
        case value(Attribute)
        case hash([Attribute])
    }

    /// The template with `.dcm` added when needed.
    package let template: String
    private let parts: [Part]

    /// Parses and checks `template`.
    package init(_ template: String) throws(FileNameTemplateError) {
        let full = Self.hasExtension(template) ? template : template + ".dcm"
        self.template = full
        var parts: [Part] = []
        for piece in Self.pieces(of: full) {
            switch piece {
            case .text(let text): parts.append(.literal(text))
            case .variable(let name) where name.hasPrefix("Hash"):
                let keywords = name.dropFirst(4).split(separator: "With", omittingEmptySubsequences: false)
                guard keywords.count >= 2, !keywords.contains(where: \.isEmpty) else {
                    throw .hashNeedsTwoAttributes(name)
                }
                var attributes: [Attribute] = []
                for keyword in keywords { attributes.append(try Self.attribute(String(keyword))) }
                parts.append(.hash(attributes))
            case .variable(let name): parts.append(.value(try Self.attribute(name)))
            }
        }
        self.parts = parts
    }

    private static func attribute(_ keyword: String) throws(FileNameTemplateError) -> Attribute {
        guard !keyword.isEmpty, let entry = DataDictionary.entry(forKeyword: keyword) else {
            throw .unknownKeyword(keyword)
        }
        return Attribute(keyword: keyword, tag: entry.tag)
    }

    /// Whether the text after the last `.` is one or more ASCII letters and digits.
    private static func hasExtension(_ template: String) -> Bool {
        guard let dot = template.lastIndex(of: ".") else { return false }
        let suffix = template[template.index(after: dot)...].unicodeScalars
        return !suffix.isEmpty
            && suffix.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// The file name for `dataSet`.
    package func fileName(for dataSet: DataSet) -> String {
        var name = ""
        for part in parts {
            switch part {
            case .literal(let text): name += text
            case .value(let attribute): name += Self.value(of: attribute, in: dataSet)
            case .hash(let attributes):
                name += JavaHash.base36(JavaHash.hash(attributes.map { Self.value(of: $0, in: dataSet) }))
            }
        }
        let undotted = String(name.drop { $0 == "." })
        return LabelSanitizer.sanitize(undotted, allowing: .fileName)
    }

    /// The first value of the attribute, or the `no-value-for-<Keyword>` placeholder (StringUtils.defaultIfBlank).
    private static func value(of attribute: Attribute, in dataSet: DataSet) -> String {
        let text = dataSet.string(attribute.tag) ?? ""
        return text.trimmingASCIIWhitespace().isEmpty ? "no-value-for-" + attribute.keyword : text
    }
}
