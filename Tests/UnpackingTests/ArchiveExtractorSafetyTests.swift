import Testing
import Unpacking

/// Entry names that try to leave the upload folder, and links.
@Suite struct ArchiveExtractorSafetyTests {
    static let unsafeNames = [
        "../../etc/passwd", "a/../../b", "..", "/etc/passwd", "/tmp/evil.dcm", "C:/evil.dcm", "c:evil.dcm",
        "..\\..\\evil.dcm", "a\\b.dcm", "\\\\server\\share\\x", ".", "./.",
    ]

    /// Zip names are length-prefixed, so they can hold a NUL; a tar header's name ends at the first NUL.
    @Test(arguments: unsafeNames + ["a/\u{0}/b", "evil.dcm\u{0}.txt"])
    func zipSlipIsRefused(name: String) throws {
        let zip = try makeZip([.file("ok.dcm", "fine"), .file(name, "evil")])
        try withExtraction(of: zip) { run throws in
            let error = try run.expectFailure(.unsafePath)
            #expect(error?.entryPath == name)
        }
    }

    @Test(arguments: unsafeNames)
    func tarSlipIsRefused(name: String) throws {
        var tar = TarBuilder()
        tar.file("ok.dcm", text: "fine")
        tar.file(name, text: "evil")
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            try run.expectFailure(.unsafePath)
        }
    }

    @Test func nulInAPaxPathIsRefused() throws {
        var tar = TarBuilder()
        tar.pax([("path", "evil.dcm\u{0}.txt")])
        tar.file("x", text: "x")
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            let error = try run.expectFailure(.unsafePath)
            #expect(error?.message == "tar entry 'evil.dcm\\u{0}.txt' has a NUL character in its name")
        }
    }

    @Test func currentFolderEntriesAreSkipped() throws {
        var tar = TarBuilder()
        tar.folder("./")
        tar.folder(".")
        tar.file("a", text: "x")
        tar.end()
        let zip = try makeZip([
            ZipEntry(path: "./", kind: .folder), ZipEntry(path: "./a/./", kind: .folder), .file("a", "x"),
        ])
        for upload in [tar.bytes, zip] {
            try withExtraction(of: upload) { run throws in
                #expect(try run.extract().files.map(\.path) == ["a"])
            }
        }
    }

    /// Python's `tarfile.add(folder, "")` (xnatpy's `upload_dir`) writes the root folder as `/`: that names the
    /// upload folder itself, not a path outside it. A file named `/` is still refused.
    @Test func rootFolderEntryIsSkipped() throws {
        var tar = TarBuilder()
        tar.folder("/")
        tar.file("a", text: "x")
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            #expect(try run.extract().files.map(\.path) == ["a"])
        }
        var file = TarBuilder()
        file.file("/", text: "x")
        file.end()
        try withExtraction(of: file.bytes) { run throws in
            try run.expectFailure(.unsafePath)
        }
    }

    @Test func messageNamesTheEntry() throws {
        let zip = try makeZip([.file("../../etc/passwd", "evil")])
        try withExtraction(of: zip) { run throws in
            let error = try run.expectFailure(.unsafePath)
            #expect(error?.message == "zip entry '../../etc/passwd' would be written outside the upload folder")
        }
    }

    @Test func paxAndGNULongNamesAreCheckedToo() throws {
        for long in ["pax", "gnu"] {
            var tar = TarBuilder()
            let name = String(repeating: "d/", count: 60) + String(repeating: "../", count: 70) + "evil"
            if long == "pax" {
                tar.pax([("path", name)])
            } else {
                tar.gnuLongName(name)
            }
            tar.file("harmless", text: "evil")
            tar.end()
            try withExtraction(of: tar.bytes) { run throws in
                try run.expectFailure(.unsafePath)
            }
        }
    }

    @Test func unsafeNameInANestedArchiveNamesItsArchive() throws {
        let inner = try gzip(makeTar([("../x", "evil")]))
        let outer = try makeZip([.file("series/inner.tgz", bytes: inner)])
        try withExtraction(of: outer) { run throws in
            let error = try run.expectFailure(.unsafePath)
            #expect(error?.enclosingArchives == ["series/inner.tgz"])
            #expect(
                error?.message
                    == "tar entry '../x' inside 'series/inner.tgz' would be written outside the upload folder"
            )
        }
    }

    @Test func controlCharactersInNamesAreEscapedInMessages() throws {
        var tar = TarBuilder()
        tar.file("../a\nb\u{1B}[31m", text: "x")
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            let error = try run.expectFailure(.unsafePath)
            #expect(error?.message == "tar entry '../a\\u{A}b\\u{1B}[31m' would be written outside the upload folder")
        }
    }

    @Test func symlinkThenFileThroughItStaysInside() throws {
        var tar = TarBuilder()
        tar.entry("link", type: "2", linkName: "/tmp")
        tar.file("link/evil.dcm", text: "x")
        tar.entry("up", type: "2", linkName: "..")
        tar.file("up/evil2.dcm", text: "y")
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            let result = try run.extract()
            #expect(result.files.map(\.path) == ["link/evil.dcm", "up/evil2.dcm"])
            #expect(try run.text("up/evil2.dcm") == "y")
            #expect(try run.folder.contents() == ["out", "upload"])
        }
    }

    @Test func fileThenFolderOfTheSameNameConflicts() throws {
        var tar = TarBuilder()
        tar.file("a", text: "file")
        tar.file("a/b.dcm", text: "needs a folder")
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            try run.expectFailure(.pathConflict)
        }
    }

    @Test func nameLongerThan255BytesIsTooLong() throws {
        var tar = TarBuilder()
        tar.pax([("path", String(repeating: "n", count: 256))])
        tar.file("x", text: "x")
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            try run.expectFailure(.pathTooLong)
        }
    }

    @Test func pathLongerThanTheLimitIsTooLong() throws {
        let zip = try makeZip([.file(String(repeating: "folder/", count: 20) + "1.dcm", "x")])
        try withExtraction(of: zip) { run throws in
            try run.expectFailure(.pathTooLong, limits: ExtractionLimits(maximumPathLength: 100))
        }
    }
}
