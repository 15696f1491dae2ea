import Foundation

/// The folders and files Sluice keeps under its data directory.
///
/// ```
/// <data>/prearchive/     sessions waiting to be archived (spec §4.1)
/// <data>/archive/        archived sessions (spec §6.1)
/// <data>/cache/          per-user uploads and lock files
/// <data>/inbox/          server-side folders for the `inbox` handler (spec §2.5)
/// <data>/staging/        uploads and partial writes; same file system as the rest, so moves are atomic renames
/// <data>/sluice.sqlite   the metadata database
/// ```
package struct DataFolderLayout: Sendable, Equatable {
    /// The data directory every other path is under.
    package let root: URL

    /// Creates the layout for a data directory; nothing is touched on disk until ``create()``.
    package init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// `<data>/prearchive/`: sessions waiting to be archived.
    package var prearchive: URL { folder("prearchive") }
    /// `<data>/archive/`: archived sessions.
    package var archive: URL { folder("archive") }
    /// `<data>/cache/`: per-user uploads and lock files.
    package var cache: URL { folder("cache") }
    /// `<data>/inbox/`: server-side folders for the `inbox` handler.
    package var inbox: URL { folder("inbox") }
    /// `<data>/staging/`: uploads and partial writes, renamed into place when complete.
    package var staging: URL { folder("staging") }

    /// The SQLite metadata database file.
    package var metadataDatabase: URL { root.appendingPathComponent("sluice.sqlite", isDirectory: false) }

    /// Every folder of the layout, the data directory first.
    package var folders: [URL] { [root, prearchive, archive, cache, inbox, staging] }

    /// Creates any missing folder of the layout; existing folders and their contents are left alone.
    package func create() throws(DataFolderError) {
        for folder in folders {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw DataFolderError(folder: folder, underlying: error)
            }
        }
    }

    private func folder(_ name: String) -> URL {
        root.appendingPathComponent(name, isDirectory: true)
    }
}
