import Foundation

/// Lists the files a benchmark reads.
enum FileListing {
    /// Every regular file under `directory`, recursively, sorted by path (hidden files are skipped).
    static func regularFiles(under directory: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BenchmarkError("\(directory): no such folder")
        }
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard
            let enumerator = FileManager.default.enumerator(
                at: root,
                includingPropertiesForKeys: keys,
                options: [.skipsHiddenFiles]
            )
        else {
            throw BenchmarkError("\(directory): cannot list the folder")
        }
        var paths: [String] = []
        for case let url as URL in enumerator where try url.resourceValues(forKeys: Set(keys)).isRegularFile == true {
            paths.append(url.path)
        }
        return paths.sorted()
    }
}
