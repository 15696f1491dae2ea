#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the files a benchmark reads, with `opendir`/`readdir` (Foundation's enumerator costs more than
/// reading the headers of small folders).
enum FileListing {
    /// Every regular file under `directory`, recursively, sorted by path (names starting with "." are skipped).
    static func regularFiles(under directory: String) throws -> [String] {
        guard kind(of: directory) == .directory else { throw BenchmarkError("\(directory): no such folder") }
        var paths: [String] = []
        var pending = [directory]
        while let folder = pending.popLast() {
            guard let stream = opendir(folder) else { throw BenchmarkError("\(folder): cannot list the folder") }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                let type = entry.pointee.d_type
                switch type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) ? kind(of: path) : Kind(type) {
                case .directory: pending.append(path)
                case .regular: paths.append(path)
                case .other: break
                }
            }
        }
        return paths.sorted()
    }

    private enum Kind {
        case directory, regular, other

        init(_ type: UInt8) {
            self = type == UInt8(DT_DIR) ? .directory : type == UInt8(DT_REG) ? .regular : .other
        }
    }

    /// What `path` is, following symbolic links.
    private static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        default: return .other
        }
    }
}
