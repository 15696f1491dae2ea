import ArgumentParser
import DICOM
import ECAT
import Foundation

/// `sluice dump [--json] FILE...`: prints the header of DICOM and ECAT files.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the header of DICOM (Part-10 or raw data set) and ECAT 7 files.",
        discussion: """
            DICOM files are read up to Pixel Data unless --all is given. With --json, each file gives one line \
            holding one JSON object in the DICOM JSON model (PS3.18 F.2), keyed by keyword (private tags and \
            tags without a keyword by their ggggeeee hex form). A file that cannot be read gives a one-line \
            reason on standard error naming the file, and the exit status is 1.
            """)

    @Flag(name: .long, help: "One JSON object per file, one per line.")
    var json = false

    @Flag(name: .long, help: "Read the whole data set, pixel data included.")
    var all = false

    @Flag(name: .long, help: "Refuse files that break the standard instead of working around it.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("Read files in pieces of this many bytes (tests the incremental reader).", visibility: .hidden))
    var readSize = 1 << 16

    @Argument(help: "The files to read.")
    var files: [String]

    func run() throws {
        var failures = 0
        for path in files {
            do {
                print(try dump(path: path))
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("sluice dump: \(path): \(error)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    private func dump(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DumpError("cannot open the file")
        }
        defer { try? handle.close() }
        let head = try handle.read(upToCount: 16) ?? Data()
        try handle.seek(toOffset: 0)
        if ECATReader.isECAT7(Array(head)) {
            let bytes = Array(try handle.readToEnd() ?? Data())
            let file = try ECATReader.read(bytes)
            return json ? ecatDumpJSON(file) : ecatDumpText(file)
        }
        let options = ParseOptions(mode: strict ? .strict : .lenient, stopBefore: all ? nil : ParseOptions.header.stopBefore)
        let file = try DICOMFileLoader.read(handle, options: options, pieceSize: max(1, readSize))
        for repair in file.repairs {
            FileHandle.standardError.write(Data("sluice dump: \(path): warning: \(repair)\n".utf8))
        }
        return json ? DICOMJSON.render(file) : DICOMTextDump.render(file)
    }
}

struct DumpError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
