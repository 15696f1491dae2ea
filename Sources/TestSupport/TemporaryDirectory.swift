import Foundation

/// A fresh, empty directory under the system's temporary folder, for tests that touch the file system.
package struct TemporaryDirectory: Sendable {
    /// The directory; it exists once the initializer returns.
    package let url: URL

    /// Creates a uniquely named directory, `<tmp>/<prefix>-<UUID>`.
    package init(prefix: String = "sluice-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Deletes the directory and everything in it.
    package func remove() throws {
        try FileManager.default.removeItem(at: url)
    }
}

/// Runs `body` with a new temporary directory and deletes the directory afterwards, whether or not `body` throws.
package func withTemporaryDirectory<Value>(
    prefix: String = "sluice-test",
    isolation: isolated (any Actor)? = #isolation,
    _ body: (URL) async throws -> Value
) async throws -> Value {
    let directory = try TemporaryDirectory(prefix: prefix)
    defer { try? directory.remove() }
    return try await body(directory.url)
}
