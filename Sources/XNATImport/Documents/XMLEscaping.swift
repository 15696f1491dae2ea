/// Escapes text for XNAT documents the way XNAT's generated beans do, so values survive a write and a read.
///
/// XNAT passes every string through `BaseElement.ValueParser(value, "string")`: NUL becomes a space, then Apache
/// Commons Text `escapeXml10` escapes `& < > " '`, drops the characters XML 1.0 forbids (the other C0 controls,
/// U+FFFE, U+FFFF) and writes U+007F–U+0084 and U+0086–U+009F as numeric references. Sluice does the same and, where
/// XNAT writes them raw, also escapes tab, line feed and carriage return in attributes and carriage return in text:
/// a parser would otherwise turn them into spaces or line feeds (XML 1.0 §2.11, §3.3.3), so the value would not
/// read back unchanged.
package enum XMLEscaping {
    /// Where an escaped value goes: attribute values also need their whitespace protected.
    package enum Context: Sendable {
        case text
        case attribute
    }

    /// `value` escaped for `context`; characters XML 1.0 cannot carry are dropped (NUL becomes a space).
    package static func escaped(_ value: String, in context: Context) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\0": result += " "
            case "\t", "\n":
                if context == .attribute {
                    result += "&#\(scalar.value);"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            case "\r": result += "&#13;"
            case "\u{01}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}":
                continue
            case "\u{7F}"..."\u{84}", "\u{86}"..."\u{9F}":
                result += "&#\(scalar.value);"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
