/// An archive entry's name, checked and normalised into a relative path that cannot leave the folder it is
/// unpacked into.
///
/// Empty and `.` components are dropped (`./a//b/` is `a/b`); a trailing `/` marks a folder. Refused outright,
/// not repaired: `..` anywhere, a leading `/`, a drive letter (`C:`), a backslash (zip and tar names use `/`
/// only, so `..\evil` is an escape attempt on Windows tools), a NUL, and a name with no components left.
struct EntryPath: Hashable, Sendable {
    /// Why a name was refused.
    enum Problem: Error, Equatable {
        case empty, nul, backslash, absolute, driveLetter, parentDirectory
        /// One name is longer than 255 bytes.
        case componentTooLong
    }

    /// Most UTF-8 bytes in one name (Linux `NAME_MAX`).
    static let maximumComponentLength = 255

    /// The names from the top, none of them empty, `.` or `..`.
    let components: [String]
    /// Whether the entry name ended with `/`.
    let hasTrailingSlash: Bool

    /// Checks and normalises `name`.
    init(validating name: String) throws(Problem) {
        if name.utf8.contains(0) {
            throw .nul
        }
        if name.utf8.contains(UInt8(ascii: "\\")) {
            throw .backslash
        }
        if name.utf8.first == UInt8(ascii: "/") {
            throw .absolute
        }
        let utf8 = Array(name.utf8.prefix(2))
        if utf8.count == 2, utf8[1] == UInt8(ascii: ":"), (utf8[0] | 0x20) >= UInt8(ascii: "a"),
            (utf8[0] | 0x20) <= UInt8(ascii: "z")
        {
            throw .driveLetter
        }
        // Split on the byte `/`, not on Characters: `/` followed by a combining mark is one Character, so
        // `../\u{34C}x` would be one name to `split` and two to the file system (one level up, then `\u{34C}x`).
        let components = name.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) }
        if components.contains("..") {
            throw .parentDirectory
        }
        self.components = components.filter { $0 != "." }
        if self.components.isEmpty {
            throw .empty
        }
        if self.components.contains(where: { $0.utf8.count > Self.maximumComponentLength }) {
            throw .componentTooLong
        }
        hasTrailingSlash = name.utf8.last == UInt8(ascii: "/")
    }

    /// The normalised path, names joined by `/`.
    var string: String {
        components.joined(separator: "/")
    }

    /// The last name.
    var lastComponent: String {
        components[components.count - 1]
    }

    /// The names before the last.
    var parentComponents: [String] {
        Array(components.dropLast())
    }

    /// Whether this is macOS Finder metadata, which XNAT users' Macs add to zips: anything under `__MACOSX/`,
    /// AppleDouble `._name` files and `.DS_Store`.
    var isMacOSMetadata: Bool {
        components.contains("__MACOSX") || lastComponent.hasPrefix("._") || lastComponent == ".DS_Store"
    }
}
