import DICOM
import Foundation

/// Reads a DICOM file from disk in pieces (64 KiB by default), stopping as soon as the reader has what it needs (with
/// `stopBefore`, the header only: memory follows the header's size, not the file's).
enum DICOMFileLoader {
    static func read(_ handle: FileHandle, options: ParseOptions, pieceSize: Int = 1 << 16) throws -> DICOMFile {
        var reader = DICOMFileReader(options: options)
        while true {
            let chunk = try handle.read(upToCount: pieceSize) ?? Data()
            if chunk.isEmpty {
                reader.finishInput()
            } else {
                reader.append(chunk)
            }
            if let file = try reader.read() { return file }
            if chunk.isEmpty {
                throw DICOMParseError(.truncated, offset: 0, "the file ended before the data set")
            }
        }
    }
}
