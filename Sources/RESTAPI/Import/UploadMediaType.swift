/// The `Content-Type` of an import request, read the way XNAT's importer reads it (`RequestUtil`).
///
/// Media types compare case-insensitively and without their parameters.
struct UploadMediaType: Equatable {
    /// The media type, lower-cased, without parameters: `application/zip`.
    var name: String
    /// The parameters, names lower-cased, values unquoted.
    var parameters: [String: String]

    /// Parses a `Content-Type` value; `nil` when there is none or it is blank.
    init?(_ headerValue: String?) {
        guard let headerValue else { return nil }
        let parsed = ParameterizedHeaderValue(headerValue)
        guard !parsed.value.isEmpty else { return nil }
        self.name = parsed.value
        self.parameters = parsed.parameters
    }

    /// `multipart/form-data`: the body is parsed as a form whose file part is the upload.
    var isMultipartForm: Bool { name == "multipart/form-data" }

    /// `application/x-www-form-urlencoded`, which XNAT also hands to its multipart parser.
    var isURLEncodedForm: Bool { name == "application/x-www-form-urlencoded" }

    /// Whether the whole body is the upload even without `inbody=true` (XNAT's `supported_upload_types`).
    var isUploadType: Bool { Self.extensions[name] != nil }

    /// The multipart boundary, when the type has a usable one (1 to 70 characters, RFC 2046).
    var boundary: String? {
        guard let boundary = parameters["boundary"], (1...70).contains(boundary.utf8.count) else { return nil }
        return boundary
    }

    /// The client file name XNAT gives an in-body upload: `upload` plus the extension of the media type (`upload.zip`,
    /// `upload.dcm`, `upload.tar`, `upload.tar.gz` for x-gtar, `upload.gzip` for x-gzip, `upload` for octet-stream),
    /// `upload.unsupported` for other types and plain `upload` when the request has no `Content-Type`.
    static func inBodyFileName(for type: UploadMediaType?) -> String {
        guard let type else { return "upload" }
        return "upload" + (extensions[type.name] ?? ".unsupported")
    }

    /// XNAT's `RequestUtil.supported_upload_types` with their file name extensions, plus `application/gzip`
    /// (a Sluice addition: the registered name of gzip, which XNAT only knows as `application/x-gzip`).
    private static let extensions: [String: String] = [
        "text/*": ".txt", "application/*": "",
        "text/plain": ".txt", "text/xml": ".xml", "text/csv": ".csv",
        "application/dicom": ".dcm", "application/zip": ".zip", "application/xar": ".xar",
        "application/x-gtar": ".tar.gz", "application/x-gzip": ".gzip", "application/gzip": ".gz",
        "application/x-tar": ".tar", "application/octet-stream": "", "application/pdf": ".pdf",
        "application/vnd.ms-excel": ".xls", "application/vnd.ms-powerpoint": ".ppt", "application/msword": ".doc",
        "image/*": ".img", "image/bmp": ".bmp", "image/gif": ".gif", "image/x-icon": ".icon",
        "image/jpeg": ".jpeg", "image/png": ".png", "image/svg+xml": ".svg", "image/tiff": ".tiff",
        "video/*": ".video", "video/x-msvideo": ".avi", "video/mp4": ".mp4", "video/mpeg": ".mpg",
        "video/quicktime": ".mov", "video/x-ms-wmv": ".wmv",
    ]
}

/// A header value of the form `value; name=param; name="quoted param"` (`Content-Type`, `Content-Disposition`).
///
/// Like commons-fileupload's `ParameterParser`, a backslash inside quotes only stops the next `"` from closing the
/// string; it stays in the value, so a Windows path in `filename="C:\dir\x.zip"` keeps its backslashes.
struct ParameterizedHeaderValue {
    /// The value before the first `;`, lower-cased.
    var value: String
    /// The parameters, names lower-cased, values without their quotes.
    var parameters: [String: String] = [:]

    init(_ headerValue: String) {
        var pieces = Self.split(headerValue)
        value = pieces.removeFirst().lowercased()
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = Self.trim(piece[..<equals]).lowercased()
            var parameter = Self.trim(piece[piece.index(after: equals)...])
            if parameter.count >= 2, parameter.hasPrefix("\""), parameter.hasSuffix("\"") {
                parameter = String(parameter.dropFirst().dropLast())
            }
            if parameters[name] == nil {
                parameters[name] = parameter
            }
        }
    }

    /// Splits at the semicolons outside quoted strings and trims each piece; never empty.
    private static func split(_ headerValue: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in headerValue {
            if quoted, escaped {
                escaped = false
            } else if quoted, character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";", !quoted {
                pieces.append(trim(current[...]))
                current = ""
                continue
            }
            current.append(character)
        }
        pieces.append(trim(current[...]))
        return pieces
    }

    private static func trim(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
