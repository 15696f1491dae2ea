/// Request parameters of `POST /data/services/import` other than the routing ones (``RoutingParameter``), by
/// their XNAT wire names (`xnat-import-spec.md` §1.2, §2.1, §2.2). Matched case-sensitively.
package enum ImportParameter: String, Sendable, CaseIterable {
    case importHandler = "import-handler"
    case inBody = "inbody"
    case action = "action"
    case ignoreUnparsable = "Ignore-Unparsable"
    case rename = "rename"
    case preventAnonymization = "prevent_anon"
    case preventAutoCommit = "prevent_auto_commit"
    case source = "SOURCE"
    case visit = "VISIT"
    case subtype = "SUBTYPE"
    case timeZone = "TIMEZONE"
    case autoArchive = "AA"
    case autoArchiveLong = "auto-archive"
    case overwrite = "overwrite"
    case transferSyntax = "Transfer-Syntax-UID"
    case senderAETitle = "Sender-AE-Title"
    case format = "format"
    case httpSessionListener = "http-session-listener"
    case userCacheSource = "src"
    case directArchive = "Direct-Archive"
}

/// The value of `action` that builds the session right away.
package enum ImportAction: String, Sendable {
    case commit = "commit"
    case build = "build"
}
