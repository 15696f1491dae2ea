import Foundation

/// Splits a migration script into statements, because SQLite's prepare step compiles only the first one.
///
/// A `;` ends a statement unless it is inside a string, a quoted identifier or a comment. Pieces holding only
/// comments and white space are dropped. `CREATE TRIGGER` bodies (which contain `;`) are not understood: a
/// migration that needs a trigger must extend this type first.
package enum SQLStatementSplitter {
    private enum State {
        case code
        case quoted(closing: UInt8)
        case lineComment
        case blockComment
    }

    /// The statements in `sql`, each trimmed and ending with its `;` (the last may lack one).
    package static func statements(in sql: String) -> [String] {
        let bytes = Array(sql.utf8)
        var statements: [String] = []
        var start = 0
        var hasCode = false
        var state = State.code
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch state {
            case .code:
                switch byte {
                case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                    state = .quoted(closing: byte)
                    hasCode = true
                case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                    state = .lineComment
                    index += 1
                case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                    state = .blockComment
                    index += 1
                case UInt8(ascii: ";"):
                    if hasCode {
                        statements.append(text(bytes[start...index]))
                    }
                    start = index + 1
                    hasCode = false
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    break
                default:
                    hasCode = true
                }
            case .quoted(let closing):
                // A doubled quote ('it''s') closes and reopens, which needs no special case.
                if byte == closing {
                    state = .code
                }
            case .lineComment:
                if byte == UInt8(ascii: "\n") {
                    state = .code
                }
            case .blockComment:
                if byte == UInt8(ascii: "*") && next == UInt8(ascii: "/") {
                    state = .code
                    index += 1
                }
            }
            index += 1
        }
        if hasCode {
            statements.append(text(bytes[start...]))
        }
        return statements
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        let statement = String(decoding: bytes, as: UTF8.self)
        return statement.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
