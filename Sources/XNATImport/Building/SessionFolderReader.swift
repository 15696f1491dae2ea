import Crypto
import DICOM
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the DICOM files of a prearchive session folder for ``SessionBuilder`` (`xnat-import-spec.md` §4.1):
/// every regular file under `SCANS/*/DICOM/` and `SCANS/*/secondary/` (sub-folders included), except catalogs
/// (`scan_*_catalog.xml`) and hidden or temporary files (names starting with `.`). Each file is read once: the
/// header (up to the pixel data, lenient) and the MD5 of the whole file come from the same pass.
///
/// Symbolic links are neither followed nor read. Blocking file IO: call from a thread that may block.
package enum SessionFolderReader {
    /// The size of the pieces files are read in.
    static let pieceSize = 1 << 20

    /// The session's DICOM files in path order, and one warning (`<relative path>: <reason>`) for each file that
    /// is not readable DICOM; such files are skipped, never deleted. Fails only when the file system does.
    package static func read(sessionFolder: URL) throws(StorageError) -> (files: [SessionFile], warnings: [String]) {
        let contents = try scan(sessionFolder: sessionFolder)
        return (contents.files, contents.warnings)
    }

    /// What ``read(sessionFolder:)`` finds, plus the paths of the files it skipped as unreadable, which a plan
    /// must not move other files onto (``SessionBuilder/plan(files:constants:occupiedPaths:)``).
    struct Contents {
        var files: [SessionFile] = []
        var warnings: [String] = []
        var skippedPaths: Set<String> = []
    }

    static func scan(sessionFolder: URL) throws(StorageError) -> Contents {
        let root = sessionFolder.standardizedFileURL
        guard kind(of: root.path) == .folder else {
            throw StorageError(.read, path: root.path, reason: "not a folder")
        }
        var contents = Contents()
        let scans = PrearchiveLayout.scansFolderName
        for scanFolder in try entries(of: root.appendingPathComponent(scans).path) where !isHidden(scanFolder) {
            for label in ScanResource.allCases {
                let relative = scans + "/" + scanFolder + "/" + label.rawValue
                try collect(relative, root: root, into: &contents)
            }
        }
        contents.files.sort { $0.relativePath < $1.relativePath }
        contents.warnings.sort()
        return contents
    }

    /// Adds the files in the folder at `relative` (and its sub-folders); nothing if it is not a real folder.
    private static func collect(_ relative: String, root: URL, into contents: inout Contents) throws(StorageError) {
        guard kind(of: root.path + "/" + relative) == .folder else { return }
        for name in try entries(of: root.path + "/" + relative) where !isHidden(name) {
            let path = relative + "/" + name
            switch kind(of: root.path + "/" + path) {
            case .folder:
                try collect(path, root: root, into: &contents)
            case .file where !isCatalog(name):
                switch try readFile(path, root: root) {
                case .file(let file):
                    contents.files.append(file)
                case .notDICOM(let reason):
                    contents.warnings.append("\(path): \(reason)")
                    contents.skippedPaths.insert(path)
                }
            case .file, .other, .missing:
                continue
            }
        }
    }

    private enum ReadOutcome {
        case file(SessionFile)
        case notDICOM(String)
    }

    /// Reads one file: header, size and MD5 in one pass.
    private static func readFile(_ relative: String, root: URL) throws(StorageError) -> ReadOutcome {
        let path = root.path + "/" + relative
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(.read, path: path) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var reader = DICOMFileReader(options: .header)
        var header: DICOMFile?
        var parseError: DICOMParseError?
        var hasher = Insecure.MD5()
        var size: Int64 = 0
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: pieceSize) ?? Data()
            } catch {
                throw StorageError(.read, path: path, reason: String(describing: error))
            }
            hasher.update(data: chunk)
            size += Int64(chunk.count)
            if header == nil, parseError == nil {
                if chunk.isEmpty { reader.finishInput() } else { reader.append(chunk) }
                do {
                    header = try reader.read()
                } catch {
                    parseError = error
                }
            }
            if chunk.isEmpty { break }
        }
        if let parseError { return .notDICOM("not readable as DICOM (\(parseError))") }
        guard let header else { return .notDICOM("not readable as DICOM (the file ends before its data set)") }
        guard !header.dataSet.isEmpty else { return .notDICOM("not readable as DICOM (no data elements)") }
        let file = SessionFile(relativePath: relative, header: header.dataSet, size: size, md5: hex(hasher.finalize()))
        return .file(file)
    }

    /// `scan_<…>_catalog.xml`.
    static func isCatalog(_ name: String) -> Bool {
        name.hasPrefix("scan_") && name.hasSuffix("_catalog.xml")
    }

    /// Hidden and temporary files (``AtomicFile/temporaryPrefix`` starts with a dot too).
    static func isHidden(_ name: String) -> Bool {
        name.hasPrefix(".")
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - File system

    enum EntryKind: Equatable {
        case file, folder, other, missing
    }

    /// What is at `path`, links not followed.
    /// (`attributesOfItem` reads with `lstat`; the C `stat` struct is avoided because, under MemberImportVisibility,
    /// a clean build can resolve it to CoreFoundation's copy and refuse its members.)
    static func kind(of path: String) -> EntryKind {
        guard let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        else { return .missing }
        switch type {
        case .typeRegular: return .file
        case .typeDirectory: return .folder
        default: return .other
        }
    }

    /// The names in the folder at `path`, sorted; empty when there is no folder there.
    static func entries(of path: String) throws(StorageError) -> [String] {
        guard kind(of: path) == .folder else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw StorageError(.read, path: path, reason: String(describing: error))
        }
    }
}
