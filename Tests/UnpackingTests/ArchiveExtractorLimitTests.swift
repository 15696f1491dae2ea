import Testing
import Unpacking

/// Bombs, entry counts and nesting depth.
@Suite struct ArchiveExtractorLimitTests {
    private let zeros = [UInt8](repeating: 0, count: 4 << 20)

    @Test func highlyCompressedZipEntryBreaksTheEntryRatio() throws {
        let zip = try makeZip([.file("bomb.dcm", bytes: zeros)])
        try withExtraction(of: zip) { run throws in
            let error = try run.expectFailure(
                .entryCompressionRatioTooHigh,
                limits: ExtractionLimits(maximumEntryCompressionRatio: 100)
            )
            #expect(error?.entryPath == "bomb.dcm")
        }
    }

    @Test func zipEntryLyingAboutItsSizeIsCaughtWhileInflating() throws {
        var zip = try makeZip([.file("bomb.dcm", bytes: zeros)])
        let (local, central) = zipHeaderOffsets(zip)
        for offset in [local[0] + 22, central[0] + 24] {
            zip.replaceSubrange(offset..<offset + 4, with: [0x00, 0x10, 0x00, 0x00])  // claims 4 KiB
        }
        try withExtraction(of: zip) { run throws in
            try run.expectFailure(.corrupt)
        }
    }

    @Test func highlyCompressedGzipBreaksTheEntryRatio() throws {
        try withExtraction(of: try gzip(zeros), named: "bomb.gz") { run throws in
            try run.expectFailure(
                .entryCompressionRatioTooHigh,
                limits: ExtractionLimits(maximumEntryCompressionRatio: 100)
            )
        }
    }

    @Test func manyCompressibleEntriesBreakTheOverallRatio() throws {
        let entries = (0..<8).map { ZipEntry.file("\($0).dcm", bytes: [UInt8](repeating: 0, count: 512 << 10)) }
        try withExtraction(of: try makeZip(entries)) { run throws in
            try run.expectFailure(
                .overallCompressionRatioTooHigh,
                limits: ExtractionLimits(maximumOverallCompressionRatio: 50)
            )
        }
    }

    @Test func totalBytesLimit() throws {
        let zip = try makeZip([
            .file("a.dcm", bytes: [UInt8](repeating: 1, count: 3000), compressed: false),
            .file("b.dcm", bytes: [UInt8](repeating: 2, count: 3000), compressed: false),
        ])
        try withExtraction(of: zip) { run throws in
            let error = try run.expectFailure(.tooLarge, limits: ExtractionLimits(maximumTotalBytes: 5000))
            #expect(error?.entryPath == "b.dcm")
        }
    }

    @Test func totalBytesLimitInATarGz() throws {
        let upload = try gzip(
            makeTar([("a", String(repeating: "a", count: 3000)), ("b", String(repeating: "b", count: 3000))])
        )
        try withExtraction(of: upload) { run throws in
            try run.expectFailure(.tooLarge, limits: ExtractionLimits(maximumTotalBytes: 5000))
        }
    }

    @Test func entryCountLimitInATar() throws {
        var tar = TarBuilder()
        for index in 0..<50 {
            tar.file("e\(index)", [])
        }
        tar.end()
        try withExtraction(of: tar.bytes) { run throws in
            try run.expectFailure(.tooManyEntries, limits: ExtractionLimits(maximumEntryCount: 49))
            #expect(try run.extract(ExtractionLimits(maximumEntryCount: 50)).files.count == 50)
        }
    }

    @Test func entryCountLimitInAZipIsCheckedBeforeUnpacking() throws {
        let zip = try makeZip((0..<20).map { .file("e\($0)", "") })
        try withExtraction(of: zip) { run throws in
            let error = try run.expectFailure(.tooManyEntries, limits: ExtractionLimits(maximumEntryCount: 10))
            #expect(error?.entryPath == nil)
        }
    }

    @Test func entryCountIncludesNestedArchives() throws {
        let inner = try makeZip((0..<6).map { .file("i\($0)", "") })
        let outer = try makeZip([.file("inner.zip", bytes: inner)] + (0..<4).map { .file("o\($0)", "") })
        try withExtraction(of: outer) { run throws in
            try run.expectFailure(.tooManyEntries, limits: ExtractionLimits(maximumEntryCount: 10))
        }
    }

    @Test func nestingDepthLimit() throws {
        let level2 = try makeZip([.file("deep.dcm", "x")])
        let level1 = try makeZip([.file("level2.zip", bytes: level2)])
        let upload = try makeZip([.file("level1.zip", bytes: level1)])
        try withExtraction(of: upload) { run throws in
            let error = try run.expectFailure(.nestingTooDeep, limits: ExtractionLimits(maximumNestingDepth: 1))
            #expect(error?.entryPath == "level2.zip")
            #expect(error?.enclosingArchives == ["level1.zip"])
            #expect(
                try run.extract(ExtractionLimits(maximumNestingDepth: 2)).files.map(\.path) == [
                    "level1/level2/deep.dcm"
                ]
            )
        }
    }

    @Test func depthZeroRefusesAnyArchiveInside() throws {
        let upload = try makeZip([.file("x.tgz", bytes: try gzip(makeTar([("a", "b")])))])
        try withExtraction(of: upload) { run throws in
            try run.expectFailure(.nestingTooDeep, limits: ExtractionLimits(maximumNestingDepth: 0))
        }
    }

    /// Resource uploads with `extract=true` keep archives inside the upload as files.
    @Test func nestedArchivesStayFilesWhenNotOpened() throws {
        let inner = try makeZip([.file("deep.dcm", "x")])
        let upload = try makeZip([.file("inner.zip", bytes: inner), .file("a.txt", "a")])
        var limits = ExtractionLimits()
        limits.opensNestedArchives = false
        try withExtraction(of: upload) { run throws in
            let result = try run.extract(limits)
            #expect(result.files.map(\.path) == ["inner.zip", "a.txt"])
            #expect(result.files.first?.size == Int64(inner.count))
        }
    }

    @Test func gzipInsideGzipCountsAsNesting() throws {
        let upload = try gzip(gzip(gzip(Array("x".utf8))))
        try withExtraction(of: upload, named: "a.gz") { run throws in
            try run.expectFailure(.nestingTooDeep, limits: ExtractionLimits(maximumNestingDepth: 1))
        }
    }
}
