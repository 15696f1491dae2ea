import ArgumentParser
import DICOM
import Foundation

/// `sluice-bench headers DIR [--repeat N] [--threads N] [--chunk-size N]`: reads the header of every file
/// under DIR, extracts `HeaderAttributes`, and prints a `HeadersResult` as JSON.
struct HeadersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headers",
        abstract: "Read the headers of every file under a folder and print files/s as JSON.",
        discussion: """
            Each file is read in pieces until the reader reaches Pixel Data, and the attributes listed in \
            HeaderAttributes.swift are decoded. Listing the folder is not timed. A file that cannot be read \
            stops the run with exit status 1.
            """
    )

    @Argument(help: "The folder to read (recursively; every regular file must be DICOM).")
    var directory: String

    @Option(name: .customLong("repeat"), help: "Read the whole set this many times in one timed run.")
    var repetitions = 1

    @Option(help: "Read files on this many threads (1: on the main thread only).")
    var threads = 1

    @Option(help: "Read files in pieces of this many bytes.")
    var chunkSize = 1 << 14

    func validate() throws {
        guard repetitions >= 1, threads >= 1, chunkSize >= 1 else {
            throw ValidationError("--repeat, --threads and --chunk-size must be at least 1")
        }
    }

    func run() throws {
        let paths = try FileListing.regularFiles(under: directory)
        guard !paths.isEmpty else { throw ValidationError("no files under \(directory)") }
        let clock = ContinuousClock()
        let start = clock.now
        let totals = try ParallelReader.readAll(paths, repetitions: repetitions, threads: threads, chunkSize: chunkSize)
        let seconds = (clock.now - start) / .seconds(1)
        let files = paths.count * repetitions
        let result = HeadersResult(
            tool: "sluice",
            files: files,
            seconds: seconds,
            filesPerSecond: Double(files) / seconds,
            checksum: String(totals.checksum, radix: 16),
            bytesRead: totals.bytesRead,
            threads: threads,
            chunkSize: chunkSize
        )
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }
}

/// What `sluice-bench headers` prints (snake_case keys).
struct HeadersResult: Encodable {
    let tool: String
    /// Files read: the folder's files times `--repeat`.
    let files: Int
    let seconds: Double
    let filesPerSecond: Double
    /// Sum of `HeaderAttributes.fingerprint` over the files read once (hex); `headers.py` checks that
    /// pydicom's equals it.
    let checksum: String
    /// Bytes read from disk: shows that pixel data was not read.
    let bytesRead: Int
    let threads: Int
    let chunkSize: Int
}
