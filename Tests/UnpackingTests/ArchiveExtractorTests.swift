import Foundation
import Testing
import Unpacking

@Suite struct ArchiveExtractorTests {
    private func paths(_ result: ExtractionResult) -> [String] {
        result.files.map(\.path)
    }

    @Test func zipFilesAreExtractedAndFoldersSkipped() throws {
        let zip = try makeZip([
            ZipEntry(path: "study/", kind: .folder),
            .file("study/series/1.dcm", "one"),
            .file("study/series/2.dcm", "two", compressed: false),
            .file("study/empty.dcm", ""),
        ])
        try withExtraction(of: zip) { run throws in
            let result = try run.extract()
            #expect(result.format == .zip)
            #expect(
                result.files == [
                    ExtractedFile(
                        path: "study/series/1.dcm",
                        size: 3,
                        entryPath: "study/series/1.dcm",
                        enclosingArchives: []
                    ),
                    ExtractedFile(
                        path: "study/series/2.dcm",
                        size: 3,
                        entryPath: "study/series/2.dcm",
                        enclosingArchives: []
                    ),
                    ExtractedFile(
                        path: "study/empty.dcm",
                        size: 0,
                        entryPath: "study/empty.dcm",
                        enclosingArchives: []
                    ),
                ]
            )
            #expect(result.skipped.isEmpty)
            #expect(try run.text("study/series/1.dcm") == "one")
            #expect(try run.text("study/series/2.dcm") == "two")
            #expect(try run.folder.contents() == ["out", "upload"])
        }
    }

    @Test func largeCompressedZipEntryIsStreamed() throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        try withExtraction(of: try makeZip([.file("big.dcm", bytes: bytes)])) { run throws in
            #expect(try run.extract().files.map(\.size) == [300_000])
            #expect(try Array(Data(contentsOf: run.destination.appendingPathComponent("big.dcm"))) == bytes)
        }
    }

    @Test func tarIsExtracted() throws {
        var tar = TarBuilder()
        tar.folder("./")
        tar.file("./a/1.dcm", text: "one")
        tar.file("a//2.dcm", text: "two")
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            let result = try run.extract()
            #expect(result.format == .tar)
            #expect(paths(result) == ["a/1.dcm", "a/2.dcm"])
            #expect(try run.text("a/2.dcm") == "two")
        }
    }

    @Test func tarGzIsExtractedWhateverItsName() throws {
        let upload = try gzip(makeTar([("s/1.dcm", "one"), ("s/2.dcm", String(repeating: "z", count: 100_000))]))
        try withExtraction(of: upload, named: "upload.zip") { run throws in
            let result = try run.extract()
            #expect(result.format == .gzip)
            #expect(paths(result) == ["s/1.dcm", "s/2.dcm"])
            #expect(try run.text("s/2.dcm").count == 100_000)
        }
    }

    @Test func gzipOfOneFileIsNamedAfterTheUpload() throws {
        try withExtraction(of: try gzip(Array("dicom bytes".utf8)), named: "image.dcm.gz") { run throws in
            let result = try run.extract()
            #expect(
                result.files == [
                    ExtractedFile(path: "image.dcm", size: 11, entryPath: "image.dcm", enclosingArchives: [])
                ]
            )
            #expect(try run.text("image.dcm") == "dicom bytes")
        }
    }

    @Test func concatenatedGzipMembersAreOneStream() throws {
        let upload = try gzip(Array("first ".utf8)) + gzip(Array("second".utf8))
        try withExtraction(of: upload, named: "notes.txt.gz") { run throws in
            _ = try run.extract()
            #expect(try run.text("notes.txt") == "first second")
        }
    }

    @Test func nestedArchivesAreOpenedIntoFoldersNamedAfterThem() throws {
        let inner = try makeZip([.file("series/1.dcm", "inner")])
        let tgz = try gzip(makeTar([("2.dcm", "from tgz")]))
        let outer = try makeZip([
            .file("a/inner.zip", bytes: inner),
            .file("b.tar.gz", bytes: tgz, compressed: false),
            .file("c.dcm.gz", bytes: try gzip(Array("gz".utf8))),
        ])
        try withExtraction(of: outer) { run throws in
            let result = try run.extract()
            #expect(
                result.files == [
                    ExtractedFile(
                        path: "a/inner/series/1.dcm",
                        size: 5,
                        entryPath: "series/1.dcm",
                        enclosingArchives: ["a/inner.zip"]
                    ),
                    ExtractedFile(path: "b/2.dcm", size: 8, entryPath: "2.dcm", enclosingArchives: ["b.tar.gz"]),
                    ExtractedFile(path: "c.dcm", size: 2, entryPath: "c.dcm", enclosingArchives: ["c.dcm.gz"]),
                ]
            )
            #expect(try run.text("a/inner/series/1.dcm") == "inner")
        }
    }

    @Test func zipInsideTarGzInsideZip() throws {
        let zip = try makeZip([.file("deep.dcm", "deep")])
        var tar = TarBuilder()
        tar.file("x/inner.zip", zip)
        tar.end()
        let outer = try makeZip([.file("mid.tgz", bytes: try gzip(tar.bytes))])
        try withExtraction(of: outer) { run throws in
            let result = try run.extract()
            #expect(result.files.map(\.path) == ["mid/x/inner/deep.dcm"])
            #expect(result.files.first?.enclosingArchives == ["mid.tgz", "x/inner.zip"])
        }
    }

    @Test func dataThatOnlyLooksLikeAnArchiveIsKeptAsAFile() throws {
        var fakeTar = [UInt8](repeating: 0x41, count: 600)
        fakeTar.replaceSubrange(257..<262, with: Array("ustar".utf8))
        var dicom = [UInt8](repeating: 0, count: 300)
        dicom.replaceSubrange(0..<4, with: [0x50, 0x4B, 0x03, 0x04])
        dicom.replaceSubrange(128..<132, with: Array("DICM".utf8))
        let zip = try makeZip([
            .file("fake.tar", bytes: fakeTar),
            .file("fake.gz", bytes: [0x1F, 0x8B, 0x00, 0x00, 1, 2, 3]),
            .file("polyglot.dcm", bytes: dicom),
        ])
        try withExtraction(of: zip) { run throws in
            #expect(paths(try run.extract()) == ["fake.tar", "fake.gz", "polyglot.dcm"])
        }
    }

    @Test func duplicateNamesGetSuffixesInArchiveOrder() throws {
        var tar = TarBuilder()
        tar.file("s/a.dcm", text: "1")
        tar.file("s/a.dcm", text: "2")
        tar.file("./s/a.dcm", text: "3")
        tar.file("s/a_1.dcm", text: "4")
        tar.file("s/README", text: "5")
        tar.file("s/README", text: "6")
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            let result = try run.extract()
            #expect(paths(result) == ["s/a.dcm", "s/a_1.dcm", "s/a_2.dcm", "s/a_1_1.dcm", "s/README", "s/README_1"])
            #expect(try ["s/a.dcm", "s/a_1.dcm", "s/a_2.dcm", "s/a_1_1.dcm"].map(run.text) == ["1", "2", "3", "4"])
        }
    }

    @Test func duplicateZipEntriesAreBothKept() throws {
        let zip = try makeZip([.file("a.dcm", "first"), .file("a.dcm", "second")])
        try withExtraction(of: zip) { run throws in
            #expect(paths(try run.extract()) == ["a.dcm", "a_1.dcm"])
            #expect(try run.text("a_1.dcm") == "second")
        }
    }

    @Test func nestedArchiveFolderClashingWithAFileIsSuffixed() throws {
        let zip = try makeZip([.file("scan", "a file"), .file("scan.zip", bytes: try makeZip([.file("1.dcm", "x")]))])
        try withExtraction(of: zip) { run throws in
            #expect(paths(try run.extract()) == ["scan", "scan_1/1.dcm"])
        }
    }

    @Test func macOSMetadataIsSkipped() throws {
        let zip = try makeZip([
            .file("study/1.dcm", "x"),
            ZipEntry(path: "__MACOSX/", kind: .folder),
            .file("__MACOSX/study/._1.dcm", "fork"),
            .file("study/._2.dcm", "fork"),
            .file("study/.DS_Store", "finder"),
            .file("study/.hidden.dcm", "kept"),
        ])
        try withExtraction(of: zip) { run throws in
            let result = try run.extract()
            #expect(paths(result) == ["study/1.dcm", "study/.hidden.dcm"])
            #expect(result.skipped.map(\.entryPath) == ["__MACOSX/study/._1.dcm", "study/._2.dcm", "study/.DS_Store"])
            #expect(result.skipped.allSatisfy { $0.reason == .macOSMetadata })
        }
    }

    @Test func linksAndDevicesAreSkippedNeverCreated() throws {
        var tar = TarBuilder()
        tar.entry("s/link.dcm", type: "2", linkName: "/etc/passwd")
        tar.entry("s/hard.dcm", type: "1", linkName: "../../etc/passwd")
        tar.entry("s/tty", type: "3")
        tar.entry("s/pipe", type: "6")
        tar.file("s/link.dcm/inside.dcm", text: "safe")
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            let result = try run.extract()
            #expect(
                result.skipped == [
                    SkippedEntry(entryPath: "s/link.dcm", reason: .symbolicLink, linkTarget: "/etc/passwd"),
                    SkippedEntry(entryPath: "s/hard.dcm", reason: .hardLink, linkTarget: "../../etc/passwd"),
                    SkippedEntry(entryPath: "s/tty", reason: .specialFile),
                    SkippedEntry(entryPath: "s/pipe", reason: .specialFile),
                ]
            )
            #expect(paths(result) == ["s/link.dcm/inside.dcm"])
            let attributes = try FileManager.default.attributesOfItem(
                atPath: run.destination.appendingPathComponent("s/link.dcm").path
            )
            #expect(attributes[.type] as? FileAttributeType == .typeDirectory)
        }
    }

    @Test func zipSymbolicLinkIsSkipped() throws {
        let zip = try makeZip([
            ZipEntry(path: "evil", data: Array("/etc/passwd".utf8), kind: .symbolicLink), .file("a", "x"),
        ])
        try withExtraction(of: zip) { run throws in
            let result = try run.extract()
            #expect(result.skipped == [SkippedEntry(entryPath: "evil", reason: .symbolicLink)])
            #expect(paths(result) == ["a"])
        }
    }

    @Test func codePage437NamesAreDecoded() throws {
        var zip = try makeZip([.file("aXb.dcm", "x", compressed: false)])
        let (local, central) = zipHeaderOffsets(zip)
        zip[local[0] + 30 + 1] = 0x81  // 'ü' in code page 437
        zip[central[0] + 46 + 1] = 0x81
        zip[local[0] + 7] &= ~0x08  // clear bit 11 (UTF-8 names), if ZIPFoundation set it
        zip[central[0] + 9] &= ~0x08
        try withExtraction(of: zip) { run throws in
            #expect(paths(try run.extract()) == ["aüb.dcm"])
        }
    }

    @Test func emptyArchivesGiveNoFiles() throws {
        try withExtraction(of: try makeZip([])) { run throws in
            #expect(try run.extract().files.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: run.destination.path).isEmpty)
        }
    }

    @Test func anEmptyDestinationFolderIsUsed() throws {
        try withExtraction(of: makeTar([("a", "x")])) { run throws in
            try FileManager.default.createDirectory(at: run.destination, withIntermediateDirectories: false)
            #expect(paths(try run.extract()) == ["a"])
        }
    }

    @Test func aDestinationInUseIsRefused() throws {
        try withExtraction(of: makeTar([("a", "x")])) { run throws in
            try run.folder.write([1], to: "out")
            let error = #expect(throws: UnpackError.self) { try run.extract() }
            #expect(error?.kind == .fileSystem)
            #expect(try run.folder.contents() == ["out", "upload"])
        }
    }

    @Test func abandonedStagingFoldersAreRemoved() throws {
        try withTemporaryFolder { folder throws in
            try FileManager.default.createDirectory(
                at: folder.child(".sluice-unpacking-x/tree"),
                withIntermediateDirectories: true
            )
            try folder.write([1], to: "keep")
            try ArchiveExtractor.removeAbandonedStagingFolders(in: folder.url)
            #expect(try folder.contents() == ["keep"])
        }
    }
}
