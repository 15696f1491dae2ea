import CompressNIO
import Foundation
import NIOCore
import Testing
import Unpacking
import ZIPFoundation

/// One entry of a zip built by ``makeZip(_:)``.
struct ZipEntry {
    enum Kind {
        case file, folder, symbolicLink
    }

    var path: String
    var data: [UInt8] = []
    var kind = Kind.file
    var isCompressed = true

    static func file(_ path: String, _ text: String, compressed: Bool = true) -> ZipEntry {
        ZipEntry(path: path, data: Array(text.utf8), isCompressed: compressed)
    }

    static func file(_ path: String, bytes: [UInt8], compressed: Bool = true) -> ZipEntry {
        ZipEntry(path: path, data: bytes, isCompressed: compressed)
    }
}

/// The bytes of a zip holding `entries`, written with ZIPFoundation.
func makeZip(_ entries: [ZipEntry]) throws -> [UInt8] {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-zip-\(UUID().uuidString).zip")
    defer { try? FileManager.default.removeItem(at: url) }
    let archive = try Archive(url: url, accessMode: .create)
    for entry in entries {
        let data = Data(entry.data)
        let type: Entry.EntryType =
            switch entry.kind {
            case .file: .file
            case .folder: .directory
            case .symbolicLink: .symlink
            }
        try archive.addEntry(
            with: entry.path,
            type: type,
            uncompressedSize: Int64(data.count),
            compressionMethod: entry.isCompressed ? .deflate : .none
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return Array(try Data(contentsOf: url))
}

/// `bytes` compressed as one gzip member, with CompressNIO.
func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    var buffer = ByteBuffer(bytes: bytes)
    let compressed = try buffer.compress(with: .gzip())
    return Array(compressed.readableBytesView)
}

/// A tar archive holding `files` (name, text) and its end marker.
func makeTar(_ files: [(String, String)]) -> [UInt8] {
    var tar = TarBuilder()
    for (name, text) in files {
        tar.file(name, text: text)
    }
    tar.end()
    return tar.bytes
}

/// Offsets of `signature` in `bytes`.
func offsets(of signature: [UInt8], in bytes: [UInt8]) -> [Int] {
    guard bytes.count >= signature.count else {
        return []
    }
    return (0...(bytes.count - signature.count)).filter { bytes[$0..<$0 + signature.count].elementsEqual(signature) }
}

/// Offsets of the zip's local file headers and central directory headers.
func zipHeaderOffsets(_ zip: [UInt8]) -> (local: [Int], central: [Int]) {
    (offsets(of: [0x50, 0x4B, 0x03, 0x04], in: zip), offsets(of: [0x50, 0x4B, 0x01, 0x02], in: zip))
}

/// Writes `upload` into a fresh folder and extracts it into `out` there.
struct ExtractionRun {
    let folder: TemporaryFolder
    let upload: URL
    let destination: URL

    init(folder: TemporaryFolder, upload bytes: [UInt8], named name: String = "upload") throws {
        self.folder = folder
        upload = try folder.write(bytes, to: name)
        destination = folder.child("out")
    }

    func extract(_ limits: ExtractionLimits = .default) throws -> ExtractionResult {
        try ArchiveExtractor(limits: limits).extract(upload: upload, into: destination)
    }

    /// The extracted file at `path`, as text.
    func text(_ path: String) throws -> String {
        try String(contentsOf: destination.appendingPathComponent(path), encoding: .utf8)
    }

    /// Extracts, expecting an ``UnpackError`` of `kind`; checks that nothing but the upload is left.
    @discardableResult
    func expectFailure(
        _ kind: UnpackError.Kind,
        limits: ExtractionLimits = .default,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> UnpackError? {
        var caught: UnpackError?
        do {
            _ = try extract(limits)
            Issue.record("expected \(kind), but the upload was extracted", sourceLocation: sourceLocation)
        } catch let error as UnpackError {
            caught = error
            #expect(error.kind == kind, "\(error.message)", sourceLocation: sourceLocation)
        }
        #expect(try folder.contents() == [upload.lastPathComponent], sourceLocation: sourceLocation)
        return caught
    }
}

/// Runs `body` with an ``ExtractionRun`` of `upload` in a fresh temporary folder.
@discardableResult
func withExtraction<Result>(
    of upload: [UInt8],
    named name: String = "upload",
    _ body: (ExtractionRun) throws -> Result
) throws -> Result {
    try withTemporaryFolder { folder throws in
        try body(ExtractionRun(folder: folder, upload: upload, named: name))
    }
}
