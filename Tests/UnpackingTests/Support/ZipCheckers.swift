import Foundation
import Testing

/// Whether `tool` is an executable on `PATH` (tests that need `unzip` or `python3` are skipped without it).
func toolIsAvailable(_ tool: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
}

/// Runs `tool` from `PATH` and returns its exit status and its output and error output together.
func runTool(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// What Python's `zipfile` makes of a zip.
struct PythonZipListing: Decodable {
    struct Entry: Decodable, Equatable {
        var name: String
        var size: Int64
        var offset: Int64
        var crc: UInt32
        /// Year, month, day, hour, minute, second.
        var date: [Int]
        /// `external_attr >> 16`: the Unix mode.
        var mode: Int
        var system: Int
        var flags: Int
        var method: Int
    }

    var entries: [Entry]
    /// The entries asked for by name, read (CRC-32 checked by `zipfile`) and decoded as UTF-8.
    var read: [String: String]
}

private let pythonScript = """
    import json, sys, zipfile
    z = zipfile.ZipFile(sys.argv[1])
    if sys.argv[2] == "test":
        bad = z.testzip()
        assert bad is None, "bad CRC in " + bad
    entries = [dict(name=i.filename, size=i.file_size, offset=i.header_offset, crc=i.CRC, date=list(i.date_time),
                    mode=i.external_attr >> 16, system=i.create_system, flags=i.flag_bits, method=i.compress_type)
               for i in z.infolist()]
    read = {name: z.read(name).decode("utf-8") for name in sys.argv[3:]}
    print(json.dumps(dict(entries=entries, read=read)))
    """

/// Opens `zip` with Python's `zipfile`; with `testing`, reads every entry and checks its CRC-32 first
/// (`testzip`). `reading` entries are read and returned too.
func pythonListing(
    of zip: URL,
    testing: Bool = true,
    reading: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> PythonZipListing? {
    let result = try runTool("python3", ["-c", pythonScript, zip.path, testing ? "test" : "list"] + reading)
    guard result.status == 0, let json = result.output.split(separator: "\n").last else {
        Issue.record("python3 zipfile failed (\(result.status)): \(result.output)", sourceLocation: sourceLocation)
        return nil
    }
    return try JSONDecoder().decode(PythonZipListing.self, from: Data(json.utf8))
}

/// Runs Info-ZIP's `unzip` with `options` on `zip`, expecting `status`.
@discardableResult
func unzip(
    _ options: [String],
    _ zip: URL,
    expecting status: Int32 = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> String {
    let result = try runTool("unzip", options + [zip.path])
    #expect(result.status == status, "unzip \(options): \(result.output)", sourceLocation: sourceLocation)
    return result.output
}
