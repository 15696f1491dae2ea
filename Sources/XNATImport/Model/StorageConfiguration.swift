import Foundation

/// The `storage` section of the server configuration: where Sluice keeps its files.
package struct StorageConfiguration: Sendable, Equatable {
    /// The data directory (`storage.data_dir`); relative paths are resolved against the working directory.
    package var dataDirectory: URL

    /// Creates the section for a data directory.
    package init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory
    }

    /// The folders and files under ``dataDirectory``.
    package var layout: DataFolderLayout {
        DataFolderLayout(root: dataDirectory)
    }
}
