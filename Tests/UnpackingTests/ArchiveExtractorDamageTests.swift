import Foundation
import Testing
import Unpacking

/// Truncated, corrupt, encrypted and unsupported uploads.
@Suite struct ArchiveExtractorDamageTests {
    @Test(arguments: [Array("hello, world".utf8), [], [UInt8](repeating: 0xAB, count: 4096), [0x50, 0x4B, 0x03]])
    func garbageIsNotAnArchive(bytes: [UInt8]) throws {
        try withExtraction(of: bytes) { run throws in
            let error = try run.expectFailure(.notAnArchive)
            #expect(error?.message == "the upload is not a zip, tar or gzip archive")
        }
    }

    @Test func dicomFileIsNotAnArchive() throws {
        var dicom = [UInt8](repeating: 0, count: 200)
        dicom.replaceSubrange(128..<132, with: Array("DICM".utf8))
        try withExtraction(of: dicom) { run throws in
            try run.expectFailure(.notAnArchive)
        }
    }

    @Test func zipSignatureFollowedByGarbage() throws {
        try withExtraction(of: [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0x11, count: 1000)) { run throws in
            try run.expectFailure(.truncated)
        }
    }

    @Test func truncatedZipAtSeveralOffsets() throws {
        let zip = try makeZip([.file("a.dcm", String(repeating: "abc", count: 2000)), .file("b.dcm", "second")])
        for length in [10, 40, zip.count / 2, zip.count - 30, zip.count - 1] {
            try withExtraction(of: Array(zip.prefix(length))) { run throws in
                let error = try run.expectFailure(.truncated)
                #expect(error?.entryPath == nil, "length \(length)")
            }
        }
    }

    @Test func zipWhoseDataRunsPastTheEnd() throws {
        var zip = try makeZip([.file("a.dcm", "content", compressed: false)])
        let central = zipHeaderOffsets(zip).central[0]
        zip.replaceSubrange(central + 20..<central + 28, with: [0xFF, 0xFF, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00])
        try withExtraction(of: zip) { run throws in
            try run.expectFailure(.truncated)
        }
    }

    @Test func unterminatedDeflateStreamFailsInsteadOfHanging() throws {
        // The ZIPFoundation 0.9.20 Linux reader loops forever on this (weichsel/ZIPFoundation#389).
        var zip = try makeZip([.file("a.txt", bytes: [UInt8](repeating: 0x41, count: 100_000))])
        let data = zipHeaderOffsets(zip).local[0] + 30 + 5
        zip.replaceSubrange(data..<data + 5, with: [0x00, 0xFF, 0xFF, 0x00, 0x00])  // stored block, not final
        try withExtraction(of: zip) { run throws in
            try run.expectFailure(.corrupt)
        }
    }

    @Test func flippedBitInZipDataFailsTheCRC() throws {
        var zip = try makeZip([.file("a.dcm", "some content here", compressed: false)])
        zip[zipHeaderOffsets(zip).local[0] + 30 + 5 + 3] ^= 0x01
        try withExtraction(of: zip) { run throws in
            let error = try run.expectFailure(.corrupt)
            #expect(error?.message == "zip entry 'a.dcm' fails its CRC-32 check")
        }
    }

    @Test func localHeaderNameDifferentFromTheCentralDirectory() throws {
        var zip = try makeZip([.file("a.dcm", "x")])
        zip[zipHeaderOffsets(zip).local[0] + 30] = UInt8(ascii: "b")
        try withExtraction(of: zip) { run throws in
            try run.expectFailure(.corrupt)
        }
    }

    @Test func encryptedZipEntryIsRefused() throws {
        var zip = try makeZip([.file("secret.dcm", "x")])
        let (local, central) = zipHeaderOffsets(zip)
        zip[local[0] + 6] |= 0x01
        zip[central[0] + 8] |= 0x01
        try withExtraction(of: zip) { run throws in
            let error = try run.expectFailure(.encryptedEntry)
            #expect(error?.message == "zip entry 'secret.dcm' is encrypted; encrypted zip entries are not accepted")
        }
    }

    @Test func unsupportedCompressionMethodIsRefused() throws {
        var zip = try makeZip([.file("a.dcm", "x")])
        let (local, central) = zipHeaderOffsets(zip)
        zip[local[0] + 8] = 12
        zip[central[0] + 10] = 12
        try withExtraction(of: zip) { run throws in
            let error = try run.expectFailure(.unsupported)
            #expect(error?.message.contains("bzip2") == true)
        }
    }

    @Test func truncatedTarGzAtSeveralOffsets() throws {
        let upload = try gzip(makeTar([("a.dcm", String(repeating: "q", count: 5000)), ("b.dcm", "b")]))
        for length in [3, 10, upload.count / 2, upload.count - 8, upload.count - 1] {
            try withExtraction(of: Array(upload.prefix(length))) { run throws in
                try run.expectFailure(.truncated)
            }
        }
    }

    @Test func truncatedTarInsideACompleteGzip() throws {
        let upload = try gzip(Array(makeTar([("a.dcm", String(repeating: "q", count: 5000))]).prefix(3000)))
        try withExtraction(of: upload) { run throws in
            try run.expectFailure(.truncated)
        }
    }

    @Test func corruptGzipData() throws {
        var upload = try gzip(makeTar([("a.dcm", String(repeating: "q", count: 5000))]))
        upload[12] ^= 0xFF
        upload[13] ^= 0xFF
        try withExtraction(of: upload) { run throws in
            try run.expectFailure(.corrupt)
        }
    }

    @Test func gzipWithABadCRCTrailer() throws {
        var upload = try gzip(Array("payload".utf8))
        upload[upload.count - 8] ^= 0xFF
        try withExtraction(of: upload, named: "x.gz") { run throws in
            try run.expectFailure(.corrupt)
        }
    }

    @Test func garbageAfterAGzipStream() throws {
        let upload = try gzip(Array("payload".utf8)) + Array("trailing junk".utf8)
        try withExtraction(of: upload, named: "x.gz") { run throws in
            try run.expectFailure(.corrupt)
        }
    }

    @Test func damagedNestedArchiveFailsTheWholeUpload() throws {
        let inner = Array(try makeZip([.file("a", "b")]).dropLast(30))
        let outer = try makeZip([.file("ok.dcm", "fine"), .file("inner.zip", bytes: inner)])
        try withExtraction(of: outer) { run throws in
            let error = try run.expectFailure(.truncated)
            #expect(error?.enclosingArchives == ["inner.zip"])
        }
    }
}
