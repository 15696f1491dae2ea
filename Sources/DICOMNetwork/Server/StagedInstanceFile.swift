import DICOM
import Foundation

/// The staging file of one C-STORE data set: Sluice's file meta (PS3.10 §7.1) from the association, then each
/// data set fragment appended as it arrives, so a data set is never held whole in memory.
/// `@unchecked Sendable`: one connection task owns it and uses it from one place at a time; it crosses to
/// the thread pool only for the blocking `finish()`.
final class StagedInstanceFile: @unchecked Sendable {
    let url: URL
    private var handle: FileHandle?

    /// Creates `<folder>/.dicom-<UUID>.part` and writes the preamble and file meta.
    init(in folder: URL, request: StoreRequest) throws {
        url = folder.appendingPathComponent(".dicom-\(UUID().uuidString).part", isDirectory: false)
        let meta = Part10Writer.fileMetaBytes(
            sopClassUID: request.sopClassUID,
            sopInstanceUID: request.sopInstanceUID,
            transferSyntaxUID: request.transferSyntaxUID,
            sourceAETitle: request.callingAETitle
        )
        guard FileManager.default.createFile(atPath: url.path, contents: Data(meta)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        self.handle = handle
    }

    /// Appends a data set fragment.
    func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try handle?.write(contentsOf: $0) }
    }

    /// Flushes the file to disk (fsync) and closes it.
    func finish() throws {
        guard let handle else { return }
        self.handle = nil
        defer { try? handle.close() }
        try handle.synchronize()
    }

    /// Closes and deletes the file, whatever state it is in.
    func discard() {
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(at: url)
    }
}
