import Foundation
import Testing

@testable import Unpacking

@Suite struct ZipWriterTests {
    private static let hasPython = toolIsAvailable("python3")
    private static let hasUnzip = toolIsAvailable("unzip")

    /// A zip of `files` (path, bytes), each sent in pieces of `pieceSize`.
    private func zip(_ files: [(String, [UInt8])], pieceSize: Int = 7, date: Date? = nil) throws -> [UInt8] {
        var writer = ZipWriter()
        var bytes: [UInt8] = []
        for (path, data) in files {
            bytes += try writer.beginEntry(path: path, modificationDate: date)
            for start in stride(from: 0, to: data.count, by: pieceSize) {
                let piece = data[start..<min(start + pieceSize, data.count)]
                writer.entryData(piece)
                bytes += piece
            }
            bytes += writer.endEntry()
        }
        bytes += writer.finish()
        #expect(writer.byteCount == UInt64(bytes.count))
        return bytes
    }

    @Test func recordsFollowTheSpecification() throws {
        let date = Date(timeIntervalSince1970: 1_709_214_358)  // 2024-02-29 13:45:58 UTC
        let bytes = try zip([("a/123456789.txt", Array("123456789".utf8))], date: date)
        // Local header: version 2.0, flags bit 3 and 11, stored, DOS time and date, CRC and sizes zero.
        #expect(bytes.littleEndianUInt32(at: 0) == 0x0403_4B50)
        #expect(bytes.littleEndianUInt16(at: 4) == 20)
        #expect(bytes.littleEndianUInt16(at: 6) == 0x0808)
        #expect(bytes.littleEndianUInt16(at: 8) == 0)
        #expect(bytes.littleEndianUInt16(at: 10) == 13 << 11 | 45 << 5 | 29)
        #expect(bytes.littleEndianUInt16(at: 12) == 44 << 9 | 2 << 5 | 29)
        #expect([14, 18, 22].map { bytes.littleEndianUInt32(at: $0) } == [0, 0, 0])
        #expect(bytes.littleEndianUInt16(at: 26) == 15 && bytes.littleEndianUInt16(at: 28) == 0)
        // Data descriptor after the data: signature, the standard check value of CRC-32, sizes.
        let descriptor = 30 + 15 + 9
        let descriptorFields = [0, 4, 8, 12].map { bytes.littleEndianUInt32(at: descriptor + $0) }
        #expect(descriptorFields == [0x0807_4B50, 0xCBF4_3926, 9, 9])
        // Central directory header: made by Unix, version 2.0, same CRC and sizes, mode 0644 regular file.
        let central = descriptor + 16
        #expect(bytes.littleEndianUInt32(at: central) == 0x0201_4B50)
        #expect(bytes.littleEndianUInt16(at: central + 4) == 0x033F)
        #expect(bytes.littleEndianUInt16(at: central + 6) == 20)
        #expect([16, 20, 24].map { bytes.littleEndianUInt32(at: central + $0) } == [0xCBF4_3926, 9, 9])
        #expect(bytes.littleEndianUInt32(at: central + 38) == 0o100644 << 16)
        #expect(bytes.littleEndianUInt32(at: central + 42) == 0)
        // End record: one entry, directory size and offset.
        let end = bytes.count - 22
        #expect(bytes.littleEndianUInt32(at: end) == 0x0605_4B50)
        #expect(bytes.littleEndianUInt16(at: end + 10) == 1)
        #expect(bytes.littleEndianUInt32(at: end + 12) == UInt32(end - central))
        #expect(bytes.littleEndianUInt32(at: end + 16) == UInt32(central))
    }

    @Test func checksumIsTheSameWhateverThePiecesAndCollections() throws {
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 11) }
        let whole = try zip([("f", data)], pieceSize: data.count)
        #expect(try zip([("f", data)], pieceSize: 1_000) == whole)
        var writer = ZipWriter()
        _ = try writer.beginEntry(path: "f", modificationDate: nil)
        writer.entryData(Data(data[..<10]))
        writer.entryData(data[10..<20].lazy.map { $0 })  // not contiguous
        writer.entryData(EmptyCollection<UInt8>())
        writer.entryData(data[20...])
        #expect(writer.endEntry() == Array(whole[(31 + data.count)..<(31 + data.count + 16)]))
    }

    @Test func datesAreUTCAndClampedToDOSRange() {
        #expect(DOSDateTime(nil) == DOSDateTime(time: 0, date: 1 << 5 | 1))
        #expect(DOSDateTime(Date(timeIntervalSince1970: 0)) == DOSDateTime(time: 0, date: 1 << 5 | 1))
        #expect(DOSDateTime(Date(timeIntervalSince1970: .nan)) == DOSDateTime(time: 0, date: 1 << 5 | 1))
        let latest = DOSDateTime(time: 23 << 11 | 59 << 5 | 29, date: 127 << 9 | 12 << 5 | 31)
        #expect(DOSDateTime(Date.distantFuture) == latest)
        #expect(DOSDateTime(Date(timeIntervalSince1970: .infinity)) == latest)
        // 2000-03-01 00:00:01 UTC (after a century leap day): odd seconds round down.
        let march2000 = DOSDateTime(time: 0, date: 20 << 9 | 3 << 5 | 1)
        #expect(DOSDateTime(Date(timeIntervalSince1970: 951_868_801)) == march2000)
        // 1999-12-31 23:59:59 UTC.
        #expect(
            DOSDateTime(Date(timeIntervalSince1970: 946_684_799))
                == DOSDateTime(time: 23 << 11 | 59 << 5 | 29, date: 19 << 9 | 12 << 5 | 31)
        )
    }

    @Test(arguments: ["", "/a", "a/../b", "..", "a//b", "a/", "./a", "a/./b", "a\\b", "C:/x", "a\u{0}b"])
    func unsafePathsAreRefused(path: String) {
        var writer = ZipWriter()
        #expect(throws: UnpackError.self) { _ = try writer.beginEntry(path: path, modificationDate: nil) }
        do {
            _ = try writer.beginEntry(path: path, modificationDate: nil)
        } catch {
            #expect(error.kind == .unsafePath, "\(error.message)")
        }
        #expect(writer.byteCount == 0 && writer.entryCount == 0)
    }

    @Test func overlongNamesAreRefused() {
        var writer = ZipWriter()
        let name = String(repeating: "x", count: 256)
        #expect(throws: UnpackError.self) { _ = try writer.beginEntry(path: "a/\(name)", modificationDate: nil) }
        let path = Array(repeating: String(repeating: "y", count: 200), count: 330).joined(separator: "/")
        do {
            _ = try writer.beginEntry(path: path, modificationDate: nil)
            Issue.record("a 66,329-byte path was accepted")
        } catch {
            #expect(error.kind == .pathTooLong)
        }
    }

    @Test func emptyArchiveIsJustAnEndRecord() {
        var writer = ZipWriter()
        #expect(writer.finish() == [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
    }

    @Test(.enabled(if: hasPython && hasUnzip))
    func moreThan65535EntriesUseZip64EndRecords() throws {
        let files = (0..<70_000).map { ("many/\($0).txt", Array("\($0)".utf8)) }
        let bytes = try zip(files, pieceSize: 3)
        let end = bytes.count - 22
        #expect(bytes.littleEndianUInt16(at: end + 8) == 0xFFFF && bytes.littleEndianUInt16(at: end + 10) == 0xFFFF)
        #expect(bytes.littleEndianUInt32(at: end + 12) == 0xFFFF_FFFF)
        let locator = end - 20
        #expect(bytes.littleEndianUInt32(at: locator) == 0x0706_4B50)
        let record = Int(bytes.littleEndianUInt64(at: locator + 8))
        #expect(record == end - 76)
        #expect(bytes.littleEndianUInt32(at: record) == 0x0606_4B50)
        #expect(bytes.littleEndianUInt64(at: record + 32) == 70_000)
        try withTemporaryFolder { folder throws in
            let url = try folder.write(bytes, to: "many.zip")
            let script =
                "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); n = z.namelist(); "
                + "print(len(n), len(set(n)), n[0], n[-1], z.read(n[-1]).decode())"
            let python = try runTool("python3", ["-c", script, url.path])
            #expect(python.status == 0 && python.output == "70000 70000 many/0.txt many/69999.txt 69999\n")
            try unzip(["-tq"], url)
        }
    }

    /// A sparse file with an entry that claims 4 GiB + 16 bytes (a hole, never written), then a small entry
    /// past 4 GiB: zip64 sizes, offsets, data descriptor and end records, without 4 GiB of data.
    @Test(.enabled(if: hasPython && hasUnzip))
    func largeSizesAndOffsetsUseZip64Fields() throws {
        let bigSize: UInt64 = 0x1_0000_0010
        try withTemporaryFolder { folder throws in
            let url = folder.child("large.zip")
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            let file = try FileHandle(forWritingTo: url)
            defer { try? file.close() }
            var writer = ZipWriter()
            try file.write(contentsOf: writer.beginEntry(path: "big.bin", modificationDate: nil))
            writer.entryData(unseenCount: bigSize, checksum: 0x1234_5678)
            try file.seek(toOffset: writer.byteCount)
            let descriptor = writer.endEntry()
            #expect(descriptor.count == 24 && descriptor.littleEndianUInt64(at: 8) == bigSize)
            #expect(descriptor.littleEndianUInt64(at: 16) == bigSize)
            let smallOffset = writer.byteCount
            var tail = descriptor + (try writer.beginEntry(path: "small.txt", modificationDate: nil))
            writer.entryData(Array("hello".utf8))
            tail += Array("hello".utf8) + writer.endEntry()
            let directory = writer.finish()
            try file.write(contentsOf: tail + directory)
            try file.close()

            // The big entry's central header: version 4.5, sizes in a zip64 extra field; the small one's offset.
            #expect(directory.littleEndianUInt16(at: 6) == 45)
            #expect(directory.littleEndianUInt32(at: 20) == 0xFFFF_FFFF && directory.littleEndianUInt16(at: 30) == 20)
            #expect(directory.littleEndianUInt64(at: 46 + 7 + 4) == bigSize)
            let listing = try #require(try pythonListing(of: url, testing: false, reading: ["small.txt"]))
            #expect(listing.entries.map(\.size) == [Int64(bigSize), 5])
            #expect(listing.entries.map(\.offset) == [0, Int64(smallOffset)])
            #expect(listing.entries.map(\.crc) == [0x1234_5678, 0x3610_A686])
            #expect(listing.read == ["small.txt": "hello"])
            #expect(try unzip(["-l"], url).contains("4294967312"))
            // The project's own reader finds both through the zip64 records (and refuses the 4 GiB entry).
            let limits = ExtractionLimits(maximumTotalBytes: 1 << 20)
            let error = #expect(throws: UnpackError.self) {
                try ArchiveExtractor(limits: limits).extract(upload: url, into: folder.child("out"))
            }
            #expect(error?.kind == .tooLarge && error?.entryPath == "big.bin")
        }
    }
}
