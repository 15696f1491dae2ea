import Foundation

/// A fresh folder under the system's temporary folder for one test; `withTemporaryFolder` deletes it.
///
/// (TestSupport has a `TemporaryDirectory`, but UnpackingTests depends on Unpacking only.)
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sluice-unpacking-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// `name` inside the folder.
    func child(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Writes `bytes` to `name` and returns its URL.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> URL {
        let file = child(name)
        try Data(bytes).write(to: file)
        return file
    }

    /// The names in the folder, sorted, hidden ones included.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

/// Runs `body` with a new temporary folder and deletes it afterwards.
func withTemporaryFolder<Result>(_ body: (TemporaryFolder) throws -> Result) throws -> Result {
    let folder = try TemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder.url) }
    return try body(folder)
}
