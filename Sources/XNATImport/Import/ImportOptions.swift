/// What a gradual-DICOM or DICOM-zip request asks for, read from its parameters (`xnat-import-spec.md` §1.2, §1.5,
/// §2.1, §2.2).
///
/// Booleans follow XNAT: `inbody` is true for any value but `false`/`0`; the others (`Ignore-Unparsable`,
/// `rename`, `prevent_anon`, `prevent_auto_commit`) only for `true` in any case. Values are trimmed.
package struct ImportOptions: Sendable, Equatable {
    /// The explicit `import-handler`, as sent.
    package var handlerName: String?
    /// Build the sessions before answering (`action=commit`, or any `dest` for DICOM-zip).
    package var commit: Bool
    /// Skip entries that are not DICOM instead of failing (`Ignore-Unparsable`, implied by `action=commit`).
    package var ignoreUnparsable: Bool
    /// Always use the template file name (`rename=true`).
    package var rename: Bool
    /// Where the request says the data goes.
    package var routing: ExplicitRouting
    /// The prearchive row's flags and strings.
    package var session: SessionOptions

    /// Reads the options from a request's parameters (first value of each key).
    ///
    /// - Throws: ``ImportError`` (400 `Parameter dest format error`) for a malformed `dest`.
    package init(parameters: [String: String]) throws(ImportError) {
        func value(_ parameter: ImportParameter) -> String? {
            let text = parameters[parameter.rawValue]?.trimmingASCIIWhitespace() ?? ""
            return text.isEmpty ? nil : text
        }
        func flag(_ parameter: ImportParameter) -> Bool { value(parameter)?.lowercased() == "true" }
        do {
            routing = try ExplicitRouting(parameters: parameters)
        } catch {
            throw ImportError(.invalidRequest, error.description)
        }
        handlerName = parameters[ImportParameter.importHandler.rawValue]
        let action = value(.action)?.lowercased()
        // DICOM-zip: any `dest` forces a commit (§2.2); we apply it to gradual-DICOM too, which is harmless.
        commit = action == ImportAction.commit.rawValue || routing.destination != nil
        ignoreUnparsable = value(.ignoreUnparsable).map { $0.lowercased() == "true" } ?? commit
        rename = flag(.rename)
        session = SessionOptions(
            source: value(.source),
            visit: value(.visit),
            protocolName: value(.subtype),
            timeZone: value(.timeZone),
            preventAnonymization: flag(.preventAnonymization),
            preventAutoCommit: flag(.preventAutoCommit),
            directArchive: flag(.directArchive)
        )
    }

    /// Whether `inbody` asks for the body to be the file: any value but `false` or `0` (§1.2).
    package static func isInBody(_ value: String?) -> Bool {
        guard let value else { return false }
        let text = value.trimmingASCIIWhitespace().lowercased()
        return text != "false" && text != "0"
    }
}

/// The per-session values a request sets on a new prearchive row (§2.1 parameter table, §4.2).
package struct SessionOptions: Sendable, Equatable {
    /// `SOURCE`; `uploader` keeps the idle timer from building the session (§4.5).
    package var source: String?
    /// `VISIT`.
    package var visit: String?
    /// `SUBTYPE`, stored as the row's protocol.
    package var protocolName: String?
    /// `TIMEZONE`.
    package var timeZone: String?
    /// `prevent_anon=true`.
    package var preventAnonymization: Bool
    /// `prevent_auto_commit=true`: never build on the idle timer.
    package var preventAutoCommit: Bool
    /// `Direct-Archive=true` (§2.7): new sessions of a project archive by themselves when idle.
    package var directArchive: Bool

    /// Options with the given values; all empty by default.
    package init(
        source: String? = nil,
        visit: String? = nil,
        protocolName: String? = nil,
        timeZone: String? = nil,
        preventAnonymization: Bool = false,
        preventAutoCommit: Bool = false,
        directArchive: Bool = false
    ) {
        self.source = source
        self.visit = visit
        self.protocolName = protocolName
        self.timeZone = timeZone
        self.preventAnonymization = preventAnonymization
        self.preventAutoCommit = preventAutoCommit
        self.directArchive = directArchive
    }
}
