import DICOM
import Foundation

/// The staging file of one C-STORE data set: Sluice's file meta (PS3.10 §7.1) from the association, then each
/// data set fragment appended as it arrives, so a data set is never held whole in memory.
/// `@unchecked Sendable`: one connection task owns it and uses it from one place at a time; it crosses to
/// the thread pool only for the blocking `finish()`.
final class StagedInstanceFile: @unchecked Sendable {
    let url: URL
    /// The open file; -1 once finished or discarded. Plain POSIX calls: `FileHandle.write` costs an allocation
    /// and a bridge per fragment, and a data set arrives in dozens of fragments.
    private var descriptor: Int32

    /// Creates `<folder>/.dicom-<UUID>.part` and writes the preamble and file meta.
    init(in folder: URL, request: StoreRequest) throws {
        url = folder.appendingPathComponent(".dicom-\(UUID().uuidString).part", isDirectory: false)
        let meta = Part10Writer.fileMetaBytes(
            sopClassUID: request.sopClassUID,
            sopInstanceUID: request.sopInstanceUID,
            transferSyntaxUID: request.transferSyntaxUID,
            sourceAETitle: request.callingAETitle
        )
        // A plain exclusive create: `FileManager.createFile` writes atomically (a temporary file, then a rename),
        // a second file and rename per instance for a name nobody else knows yet.
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw Self.failure(url, "create") }
        do {
            try write(meta[...])
        } catch {
            discard()
            throw error
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends a data set fragment.
    func write(_ bytes: ArraySlice<UInt8>) throws {
        guard descriptor >= 0 else { return }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = writeBytes(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Self.failure(url, "write")
                }
                offset += written
            }
        }
    }

    /// Flushes the file to disk (fsync) and closes it.
    func finish() throws {
        guard descriptor >= 0 else { return }
        defer {
            close(descriptor)
            descriptor = -1
        }
        guard fsync(descriptor) == 0 else { throw Self.failure(url, "flush") }
    }

    /// Closes and deletes the file, whatever state it is in.
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(url.path)
    }

    private static func failure(_ url: URL, _ operation: String) -> any Error {
        let code = errno
        return CocoaError(
            .fileWriteUnknown,
            userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)]
        )
    }
}

/// POSIX `write`, out of reach of ``StagedInstanceFile/write(_:)``'s name.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
