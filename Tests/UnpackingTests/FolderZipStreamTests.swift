import Foundation
import Testing
import Unpacking

@Suite struct FolderZipStreamTests {
    private static let hasPython = toolIsAvailable("python3")
    private static let hasUnzip = toolIsAvailable("unzip")
    private static let catalogDate = Date(timeIntervalSince1970: 1_709_214_358)  // 2024-02-29 13:45:58 UTC

    /// The files a session folder made by ``makeSession(in:)`` must zip to, in order.
    private static let sessionFiles: [(String, [UInt8])] = [
        ("catalog.xml", Array("<catalog/>".utf8)),
        ("scans/1/DICOM/1.dcm", noise(1_000, seed: 1)),
        ("scans/1/DICOM/2.dcm", []),
        ("scans/10/DICOM/big.dcm", noise(3 << 20 + 123, seed: 2)),  // four 1 MiB reads
        ("scans/2/Séance ünïcødé 日本.dcm", Array("unicode".utf8)),
    ]

    private static func noise(_ count: Int, seed: UInt32) -> [UInt8] {
        var state = seed &* 2_654_435_761
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    /// Writes ``sessionFiles`` into `folder`, plus what must be left out: hidden files and folders and links.
    private func makeSession(in folder: URL) throws {
        let manager = FileManager.default
        for (path, data) in Self.sessionFiles {
            let url = folder.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(data).write(to: url)
        }
        let catalog = folder.appendingPathComponent("catalog.xml").path
        try manager.setAttributes([.modificationDate: Self.catalogDate], ofItemAtPath: catalog)
        try manager.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        for hidden in [".hidden", ".git/config", "scans/1/DICOM/.DS_Store"] {
            try Data("hidden".utf8).write(to: folder.appendingPathComponent(hidden))
        }
        try manager.createSymbolicLink(atPath: folder.path + "/link.dcm", withDestinationPath: "catalog.xml")
        try manager.createSymbolicLink(atPath: folder.path + "/scans/linked", withDestinationPath: "1")
    }

    /// The archive `stream` writes; checks that no piece is empty or much over 1 MiB.
    private func bytes(of stream: FolderZipStream) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        var pieceSizes: [Int] = []
        try await stream.write { piece in
            bytes += piece
            pieceSizes.append(piece.count)
        }
        #expect(pieceSizes.allSatisfy { $0 > 0 && $0 < 2 * FolderZipStream.chunkSize }, "\(pieceSizes)")
        return bytes
    }

    /// Zips a session folder made in a fresh temporary folder to `session.zip` there, and gives `body` the folder
    /// and the zip.
    private func withZippedSession(
        prefix: String = "MR 1",
        _ body: (TemporaryFolder, URL) throws -> Void
    ) async throws {
        let folder = try TemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder.url) }
        let session = folder.child("session")
        try makeSession(in: session)
        let bytes = try await bytes(of: FolderZipStream(folder: session, entryPrefix: prefix))
        try body(folder, try folder.write(bytes, to: "session.zip"))
    }

    @Test func sessionRoundTripsThroughTheExtractor() async throws {
        try await withZippedSession { folder, zip throws in
            let destination = folder.child("out")
            let result = try ArchiveExtractor().extract(upload: zip, into: destination)
            #expect(result.format == .zip)
            #expect(result.files.map(\.path) == Self.sessionFiles.map { "MR 1/\($0.0)" })
            #expect(result.skipped.isEmpty)
            for (path, data) in Self.sessionFiles {
                #expect(try Array(Data(contentsOf: destination.appendingPathComponent("MR 1/\(path)"))) == data)
            }
        }
    }

    @Test(.enabled(if: hasPython && hasUnzip))
    func sessionPassesPythonAndUnzip() async throws {
        try await withZippedSession { _, zip throws in
            let listing = try #require(try pythonListing(of: zip, reading: ["MR 1/scans/2/Séance ünïcødé 日本.dcm"]))
            #expect(listing.entries.map(\.name) == Self.sessionFiles.map { "MR 1/\($0.0)" })
            #expect(listing.entries.map(\.size) == Self.sessionFiles.map { Int64($0.1.count) })
            #expect(listing.entries.allSatisfy { $0.mode == 0o100644 && $0.system == 3 && $0.method == 0 })
            #expect(listing.entries.allSatisfy { $0.flags & 0x0808 == 0x0808 })
            #expect(listing.entries.first?.date == [2024, 2, 29, 13, 45, 58])
            #expect(listing.read.values.first == "unicode")
            try unzip(["-t"], zip)
        }
    }

    @Test func emptyPrefixNamesEntriesByTheirRelativePath() async throws {
        try await withZippedSession(prefix: "") { folder, zip throws in
            let result = try ArchiveExtractor().extract(upload: zip, into: folder.child("out"))
            #expect(result.files.map(\.path) == Self.sessionFiles.map(\.0))
        }
    }

    @Test func emptyFolderGivesAnEmptyZip() async throws {
        let folder = try TemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder.url) }
        try FileManager.default.createDirectory(at: folder.child("empty/.hidden"), withIntermediateDirectories: true)
        let bytes = try await bytes(of: FolderZipStream(folder: folder.child("empty"), entryPrefix: "session"))
        #expect(bytes == [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        let zip = try folder.write(bytes, to: "empty.zip")
        #expect(try ArchiveExtractor().extract(upload: zip, into: folder.child("out")).files.isEmpty)
        if Self.hasPython {
            #expect(try pythonListing(of: zip)?.entries.isEmpty == true)
        }
        if Self.hasUnzip {
            #expect(try unzip(["-t"], zip, expecting: 1).contains("zipfile is empty"))
        }
    }

    @Test func unsafePrefixIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder.url) }
        try Data("x".utf8).write(to: folder.child("a.dcm"))
        let error = await #expect(throws: UnpackError.self) {
            try await FolderZipStream(folder: folder.url, entryPrefix: "../up").write { _ in }
        }
        #expect(error?.kind == .unsafePath)
    }

    @Test func cancellationStopsTheStreamBetweenChunks() async throws {
        let folder = try TemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder.url) }
        try makeSession(in: folder.url)
        var pieces = 0
        await #expect(throws: CancellationError.self) {
            try await FolderZipStream(folder: folder.url, entryPrefix: "s").write { _ in
                pieces += 1
                withUnsafeCurrentTask { $0?.cancel() }
            }
        }
        #expect(pieces == 1)
    }

    @Test func missingFolderIsAFileSystemError() async throws {
        let folder = try TemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder.url) }
        let error = await #expect(throws: UnpackError.self) {
            try await FolderZipStream(folder: folder.child("gone"), entryPrefix: "s").write { _ in }
        }
        #expect(error?.kind == .fileSystem)
        #expect(error?.message.contains(folder.url.path) == false)
    }
}
