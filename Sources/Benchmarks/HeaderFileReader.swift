import DICOM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the header of DICOM files from disk with POSIX `read`, a fixed-size piece at a time, stopping as
/// soon as the reader has the header (`ParseOptions.header`): pixel data is never read. One reader per
/// thread (it owns its buffer).
struct HeaderFileReader {
    private var buffer: [UInt8]
    /// Bytes read from disk so far, all files together.
    private(set) var bytesRead = 0

    init(chunkSize: Int) {
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// The header of the file at `path`.
    mutating func readHeader(path: String) throws -> DICOMFile {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BenchmarkError("\(path): cannot open (errno \(errno))") }
        defer { close(descriptor) }
        var reader = DICOMFileReader(options: .header)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw BenchmarkError("\(path): read failed (errno \(errno))") }
            bytesRead += count
            if count == 0 {
                reader.finishInput()
            } else {
                reader.append(buffer[0..<count])
            }
            do {
                if let file = try reader.read() { return file }
            } catch {
                throw BenchmarkError("\(path): \(error)")
            }
            if count == 0 { throw BenchmarkError("\(path): the file ended before the header did") }
        }
    }
}

/// A benchmark that cannot run, with the reason.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
