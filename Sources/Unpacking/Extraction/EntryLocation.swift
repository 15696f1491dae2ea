/// Where in an upload something happened, for error messages: the archive format, the entry and the nested
/// archives around it.
struct EntryLocation: Sendable {
    /// The format of the archive the entry is in.
    var format: ArchiveFormat
    /// The entry's name as its archive gives it; `nil` for the archive as a whole.
    var entryPath: String?
    /// Entry paths of the nested archives around this archive, outermost first.
    var enclosingArchives: [String]

    init(format: ArchiveFormat, entryPath: String? = nil, enclosingArchives: [String] = []) {
        self.format = format
        self.entryPath = entryPath
        self.enclosingArchives = enclosingArchives
    }

    /// The same archive, another entry.
    func entry(_ path: String?) -> EntryLocation {
        EntryLocation(format: format, entryPath: path, enclosingArchives: enclosingArchives)
    }

    /// "zip entry 'a.dcm'", "the tar archive", "the gzip stream", followed by " inside 'b.zip'" for each nested
    /// archive around it, innermost first.
    var phrase: String {
        var phrase: String
        if format == .gzip {
            phrase = "the gzip stream"
        } else if let entryPath {
            phrase = "\(format.rawValue) entry \(Self.quoted(entryPath))"
        } else {
            phrase = "the \(format.rawValue) archive"
        }
        for archive in enclosingArchives.reversed() {
            phrase += " inside \(Self.quoted(archive))"
        }
        return phrase
    }

    /// `text` in single quotes with control characters escaped and at most 200 characters kept, so that an
    /// attacker's entry name cannot break a log line or a response body.
    static func quoted(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        if text.unicodeScalars.count > 200 {
            escaped += "…"
        }
        return "'\(escaped)'"
    }
}
