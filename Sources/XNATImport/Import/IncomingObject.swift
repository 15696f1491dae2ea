import DICOM
import Foundation

/// One DICOM object of an upload, staged on disk and identified by its header (`xnat-import-spec.md` §2.1 steps 1
/// and 3): ready to be placed into a prearchive session.
package struct IncomingObject: Sendable {
    /// The staged file, on the data directory's file system; placing the object renames it.
    package var file: URL
    /// The client's name for it: the multipart file name, or a zip entry's last path component.
    package var clientName: String?
    /// The header (everything before the pixel data).
    package var header: DataSet
    /// SOPClassUID (0008,0016).
    package var sopClassUID: String
    /// SOPInstanceUID (0008,0018).
    package var sopInstanceUID: String
    /// StudyInstanceUID (0020,000D); empty when the object has none.
    package var studyInstanceUID: String

    /// The longest header read: larger headers are refused rather than buffered (pixel data is never read).
    package static let maximumHeaderValueLength = 64 << 20

    /// Reads the header of `file` (blocking IO) and checks that it is a DICOM object with SOP class and instance
    /// UIDs; `displayName` names it in errors (XNAT: `unable to read DICOM object <name>`,
    /// `object <name> contains no SOP Class UID`).
    package static func read(file: URL, clientName: String?, displayName: String) throws(ImportError) -> IncomingObject {
        let parsed: DICOMFile
        do {
            parsed = try readHeader(file)
        } catch let error as DICOMParseError {
            throw ImportError.unreadableObject(displayName, reason: error.message)
        } catch {
            throw ImportError.unreadableObject(displayName, reason: "the file could not be read")
        }
        try checkIntact(file, parsed: parsed, displayName: displayName)
        let header = parsed.dataSet
        let identifying: [Tag] = [.sopClassUID, .sopInstanceUID, .studyInstanceUID, .seriesInstanceUID]
        guard parsed.hasPreamble || !parsed.fileMeta.isEmpty || identifying.contains(where: { header[$0] != nil })
        else {
            throw ImportError.unreadableObject(displayName)
        }
        // The data set must carry both UIDs itself, as XNAT requires: the file meta's copies describe the file,
        // and an object stored without them could not be catalogued or archived.
        func uid(_ tag: Tag) -> String? {
            let value = header.string(tag)?.trimmingASCIIWhitespace()
            return value?.isEmpty == false ? value : nil
        }
        guard let sopClassUID = uid(.sopClassUID) else {
            throw ImportError(.invalidRequest, "object \(displayName) contains no SOP Class UID")
        }
        guard let sopInstanceUID = uid(.sopInstanceUID) else {
            throw ImportError(.invalidRequest, "object \(displayName) contains no SOP Instance UID")
        }
        var stored = file
        if parsed.fileMeta.isEmpty, !parsed.hasPreamble {
            stored = try addFileMeta(
                to: file,
                sopClassUID: sopClassUID,
                sopInstanceUID: sopInstanceUID,
                transferSyntaxUID: parsed.transferSyntax.uid
            )
        }
        return IncomingObject(
            file: stored,
            clientName: clientName,
            header: header,
            sopClassUID: sopClassUID,
            sopInstanceUID: sopInstanceUID,
            studyInstanceUID: header.string(.studyInstanceUID)?.trimmingASCIIWhitespace() ?? ""
        )
    }

    /// A raw data set (no preamble, no file meta) is stored as a Part-10 file, as XNAT does: a sibling file gets
    /// Sluice's file meta group (the detected transfer syntax) followed by the data set's bytes as received.
    private static func addFileMeta(
        to file: URL,
        sopClassUID: String,
        sopInstanceUID: String,
        transferSyntaxUID: String
    ) throws(ImportError) -> URL {
        let meta = Part10Writer.fileMetaBytes(
            sopClassUID: sopClassUID,
            sopInstanceUID: sopInstanceUID,
            transferSyntaxUID: transferSyntaxUID
        )
        let target = file.deletingLastPathComponent().appendingPathComponent(
            AtomicFile.temporaryPrefix + UUID().uuidString,
            isDirectory: false
        )
        do {
            guard FileManager.default.createFile(atPath: target.path, contents: Data(meta)) else {
                throw StorageError(.write, path: target.path)
            }
            let output = try FileHandle(forWritingTo: target)
            defer { try? output.close() }
            try output.seekToEnd()
            let input = try FileHandle(forReadingFrom: file)
            defer { try? input.close() }
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                try output.write(contentsOf: chunk)
            }
            try output.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw ImportError(.serverFailure, "Could not write \(target.path): \(error)")
        }
        try? FileManager.default.removeItem(at: file)
        return target
    }

    /// Reads only the header, in 64 KiB pieces, so memory follows the header's size, not the file's.
    package static func readHeader(_ file: URL) throws -> DICOMFile {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var options = ParseOptions.header
        options.maximumValueLength = maximumHeaderValueLength
        var reader = DICOMFileReader(options: options)
        while true {
            let chunk = try handle.read(upToCount: 1 << 16) ?? Data()
            if chunk.isEmpty { reader.finishInput() } else { reader.append(chunk) }
            if let file = try reader.read() { return file }
            if chunk.isEmpty {
                throw DICOMParseError(.truncated, offset: 0, "the file ended before the data set")
            }
        }
    }
}
