/// A file's path inside a resource, as a client names it in `…/resources/R/files/<path>`, checked so that it cannot
/// leave the resource folder or clash with Sluice's own files.
///
/// Empty and `.` components are dropped; refused: `..`, a leading `/` that is not just a separator, backslashes,
/// NUL and other control characters, names over 255 bytes, paths over 1024 bytes, and names starting with
/// `.sluice-` (Sluice's temporary files).
package struct ResourcePath: Sendable, Hashable, CustomStringConvertible {
    /// The names from the top of the resource folder.
    package let components: [String]

    /// Checks and normalises `text`.
    ///
    /// - Throws: ``ImportError`` 400 naming the problem.
    package init(_ text: String) throws(ImportError) {
        // Split on the byte `/`, not on Characters: `/` followed by a combining mark is one Character, so
        // `../\u{34C}x` would be one name to `split` and two to the file system (one level up, then `\u{34C}x`).
        let components = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) }.filter { $0 != "." }
        guard !components.isEmpty else { throw ImportError(.invalidRequest, "The file path is empty") }
        for name in components {
            guard name != "..", !name.hasPrefix(".sluice-"),
                name.utf8.count <= 255,
                !name.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F })
            else {
                throw ImportError(.invalidRequest, "The file path \(text) is not allowed in a resource")
            }
        }
        guard text.utf8.count <= 1024 else {
            throw ImportError(.invalidRequest, "The file path is longer than 1024 bytes")
        }
        self.components = components
    }

    /// The components joined by `/`, as catalog entries record it.
    package var description: String { components.joined(separator: "/") }

    /// This path below `folder` (another resource path's components), as one path.
    package func prefixed(by folder: [String]) -> ResourcePath {
        ResourcePath(trusted: folder + components)
    }

    private init(trusted components: [String]) {
        self.components = components
    }
}
