import Foundation

/// A folder of the data directory could not be created.
package struct DataFolderError: Error, CustomStringConvertible {
    /// The folder that could not be created.
    package var folder: URL
    /// The file system's error.
    package var underlying: any Error

    /// Creates the error.
    package init(folder: URL, underlying: any Error) {
        self.folder = folder
        self.underlying = underlying
    }

    /// `cannot create data folder <path>: <reason>`, on one line.
    package var description: String {
        "cannot create data folder \(folder.path): \(underlying.localizedDescription)"
    }
}
