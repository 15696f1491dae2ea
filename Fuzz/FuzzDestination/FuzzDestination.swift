import Foundation
import XNATImport

/// libFuzzer entry point: one input is one request value (a `dest`, a label, a file path, a URL path), given to every
/// parser and validator that turns request text into folder names.
///
/// Checks beyond "does not crash": whatever a validator accepts is one safe name (not empty, `.` or `..`, no `/` or
/// NUL) or a path of such names, and every folder built from it stays inside its root after standardisation.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDestination(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    DestinationFuzzing.check(String(decoding: bytes, as: UTF8.self))
    return 0
}

enum DestinationFuzzing {
    static let root = URL(fileURLWithPath: "/fuzz/root", isDirectory: true)
    static let prearchive = PrearchiveLayout(root: root)
    static let archive = ArchiveLayout(root: root)

    static func check(_ text: String) {
        checkDestination(text)
        checkNames(text)
        checkPaths(text)
        if let uri = try? ArchiveItemURI(text) {
            _ = (uri.project, uri.subject, uri.experiment, uri.scope)
        }
        if let timestamp = PrearchiveTimestamp(rawValue: text) {
            require(timestamp.rawValue.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (48...57).contains($0) })
            _ = timestamp.date(in: TimeZone(identifier: "UTC")!)
        }
    }

    /// `dest`, as the import reads it with the other routing parameters.
    static func checkDestination(_ text: String) {
        if let destination = ImportDestination(text) {
            for part in [
                destination.project, destination.subject, destination.experiment, destination.timestamp,
                destination.folder,
            ].compactMap({ $0 }) {
                // Parts may hold `/` glued to a combining mark (split by Character); the validators below refuse it.
                require(!part.isEmpty, "empty dest part")
            }
        }
        let parameters = ["dest": text, "project": text, "PREARC_SESSION_FOLDER": text]
        _ = try? ExplicitRouting(parameters: parameters)
        if let key = PrearchiveSessionKey(url: text) {
            checkSafe(key.folderName)
            if let project = key.project { checkSafe(project) }
            require(PrearchiveSessionKey(url: key.url) == key, "the key's URL reads back otherwise")
            checkInside(prearchive.sessionFolder(of: key), depth: key.project == nil ? 2 : 3)
        }
    }

    /// Single names: project IDs, labels, prearchive folders, scan folders, stored file names.
    static func checkNames(_ text: String) {
        if let name = try? PrearchivePathComponent.validated(text, role: .folder) {
            checkSafe(name)
            checkInside(root.appendingPathComponent(name, isDirectory: true), depth: 1)
        }
        if let project = try? ProjectID(text) {
            checkSafe(project.rawValue)
            if let folder = try? archive.sessionFolder(project: project.rawValue, label: "L") {
                checkInside(folder, depth: 3)
            }
        }
        if let folder = try? archive.sessionFolder(project: "P", label: text) { checkInside(folder, depth: 3) }
        if let label = LabelSanitizer.label(text) {
            require(LabelSanitizer.isValid(label, allowing: .label), "label \(label.debugDescription)")
            checkSafe(label)
        }
        checkSafe(LabelSanitizer.studyFolderName(patientID: text))
        if let name = StoredFileName.clientName(text) { checkSafe(name) }
        checkSafe(ScanDirectory.name(seriesNumber: text, seriesInstanceUID: text))
        checkSafe(ScanDirectory.name(seriesNumber: text, seriesInstanceUID: nil))
    }

    /// Paths: resource file paths and catalog entry URIs.
    static func checkPaths(_ text: String) {
        if let path = try? ResourcePath(text) {
            for name in path.components { checkSafe(name) }
            checkInside(root.appendingPathComponent(path.description), depth: path.components.count)
        }
        if let url = try? ArchiveEditor.contained(text, in: root) {
            require(
                Array(url.path.utf8).starts(with: Array((root.path + "/").utf8)),
                "\(text.debugDescription) leaves its folder: \(url.path)"
            )
        }
    }

    static func checkSafe(_ name: String) {
        require(
            !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(UInt8(ascii: "/"))
                && !name.utf8.contains(0),
            "unsafe name \(name.debugDescription)"
        )
    }

    /// `url`, standardised, is `depth` names below the root.
    static func checkInside(_ url: URL, depth: Int) {
        // Compared as UTF-8: a name that starts with a combining mark joins the `/` before it into one Character.
        let path = Array(url.standardizedFileURL.path.utf8)
        let prefix = Array((root.path + "/").utf8)
        require(path.starts(with: prefix), "\(url.standardizedFileURL.path) is outside \(root.path)")
        let below = path.dropFirst(prefix.count).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        require(below.count == depth, "\(path) is \(below.count) names below the root, not \(depth)")
    }
}

/// `precondition` that also reports its message in optimised builds (libFuzzer runs release builds).
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "") {
    if !condition() { fatalError(message()) }
}
