/// How nested elements are indented, matching the two ways XNAT's generated beans write a document.
///
/// Beans start every element on a new line and indent with tabs. `toXML(writer, true)` (used by the session and
/// catalog builders) indents the root's children by one tab; `toXML(writer)` (used when XNAT rewrites a document,
/// e.g. archive catalogs) leaves them at the margin. Parsers ignore the difference.
package enum XMLIndentation: Sendable, Equatable {
    /// The root's children one tab in, as the prearchive builders write (`prettyPrint` on).
    case nested
    /// The root's children at the margin, as XNAT rewrites documents (`prettyPrint` off).
    case flat
}
