/// Checks names before they become prearchive path components, so no path built from them leaves its folder.
package enum PrearchivePathComponent {
    /// The longest name most file systems accept, in UTF-8 bytes.
    static let maximumLength = 255

    /// `name` when it is one safe path component: not empty, `.` or `..`; no `/`, `\`, NUL or other control
    /// characters; at most 255 UTF-8 bytes. Otherwise an error naming `role`.
    package static func validated(_ name: String, role: PrearchivePathError.Role) throws(PrearchivePathError) -> String {
        let isSafe =
            !name.isEmpty && name != "." && name != ".." && name.utf8.count <= maximumLength
            && !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
        guard isSafe else {
            throw PrearchivePathError(role: role, name: name)
        }
        return name
    }
}
