import Foundation
import Unpacking

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point: one input is one upload, unpacked as the import does it (`ArchiveExtractor` with the
/// production `ExtractionLimits`, zip, tar, `.tar.gz` and nested archives told by their bytes) into a folder of the
/// process's own under `/dev/shm` (or the temporary folder) that is emptied after every run. The same bytes also
/// go through `TarReader` in pieces.
///
/// Checks beyond "does not crash":
/// - a success writes exactly the files it lists, each a regular file of the listed size at a path without `..`,
///   and no link, anywhere under the destination;
/// - a failure leaves nothing behind (no destination, no staging folder).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzArchiveEntries(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    ArchiveFuzzing.check(bytes)
    return 0
}

enum ArchiveFuzzing {
    /// This process's working folder (libFuzzer's `-jobs` run several processes side by side).
    static let workFolder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let folder = "\(base)/sluice-fuzz-archive-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: ArchiveFuzzing.workFolder) }
        return folder
    }()

    static func check(_ bytes: [UInt8]) {
        readTar(bytes)
        let upload = "\(workFolder)/upload.bin"
        let destination = "\(workFolder)/out"
        guard FileManager.default.createFile(atPath: upload, contents: Data(bytes)) else {
            fatalError("cannot write \(upload)")
        }
        var limits = ExtractionLimits.default
        limits.opensNestedArchives = bytes.count % 2 == 0  // the import opens nested archives; resource uploads do not
        do {
            let result = try ArchiveExtractor(limits: limits).extract(
                upload: URL(fileURLWithPath: upload),
                into: URL(fileURLWithPath: destination, isDirectory: true)
            )
            checkTree(destination, result: result)
        } catch {
            require(error is UnpackError, "not an UnpackError: \(error)")
            require(!FileManager.default.fileExists(atPath: destination), "a failed extraction left its destination")
        }
        try? FileManager.default.removeItem(atPath: destination)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: workFolder)) ?? []
        require(left == ["upload.bin"], "the extraction left \(left)")
    }

    static func checkTree(_ destination: String, result: ExtractionResult) {
        var listed: [String: Int64] = [:]
        for file in result.files {
            // Split as the file system does, on the byte `/` (not on Characters).
            let components = file.path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            require(
                file.path.utf8.first != UInt8(ascii: "/") && !components.contains("..") && !components.contains("")
                    && !components.contains("."),
                "unsafe output path \(file.path)"
            )
            require(listed.updateValue(file.size, forKey: file.path) == nil, "\(file.path) listed twice")
        }
        var found: [String: Int64] = [:]
        let walker = FileManager.default.enumerator(atPath: destination)
        while let relative = walker?.nextObject() as? String {
            var status = stat()
            require(lstat("\(destination)/\(relative)", &status) == 0, "cannot stat \(relative)")
            let type = status.st_mode & S_IFMT
            require(type == S_IFREG || type == S_IFDIR, "\(relative) is neither a file nor a folder")
            if type == S_IFREG { found[relative] = Int64(status.st_size) }
        }
        require(found == listed, "files written \(found) differ from files listed \(listed)")
    }

    /// The tar reader alone, fed in pieces: every entry's data adds up to its size.
    static func readTar(_ bytes: [UInt8]) {
        var reader = TarReader()
        let piece = [1, 7, 512, 4096][bytes.count % 4]
        var start = 0
        var expected: Int64 = 0
        var received: Int64 = 0
        do throws(UnpackError) {
            while true {
                while let event = try reader.next() {
                    switch event {
                    case .entry(let header):
                        expected = header.kind == .regularFile ? header.size : -1
                        received = 0
                    case .data(let data): received += Int64(data.count)
                    case .endOfEntry:
                        require(expected < 0 || received == expected, "entry data \(received) of \(expected)")
                    case .endOfArchive: return
                    }
                }
                guard start < bytes.count else { return }
                let end = min(bytes.count, start + piece)
                reader.append(bytes[start..<end])
                start = end
            }
        } catch {}
    }
}

/// `precondition` that also reports its message in optimised builds (libFuzzer runs release builds).
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "") {
    if !condition() { fatalError(message()) }
}
