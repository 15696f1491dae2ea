import Testing
import Unpacking

@Suite struct TarReaderTests {
    /// All events from `bytes` fed in pieces of `pieceSize`, with data events merged per entry.
    private func events(_ bytes: [UInt8], pieceSize: Int = .max) throws -> [TarReader.Event] {
        var reader = TarReader()
        var events: [TarReader.Event] = []
        var start = 0
        repeat {
            let end = min(bytes.count, start + min(pieceSize, bytes.count))
            reader.append(bytes[start..<end])
            start = end
            while let event = try reader.next() {
                if case .data(let more) = event, case .data(let earlier) = events.last {
                    events[events.count - 1] = .data(earlier + more)
                } else {
                    events.append(event)
                }
            }
        } while start < bytes.count
        try reader.finish()
        return events
    }

    private func sampleArchive() -> [UInt8] {
        var tar = TarBuilder()
        tar.folder("study/")
        tar.file("study/a.dcm", text: "first")
        tar.file("study/empty.dcm", [])
        tar.file("study/big.dcm", [UInt8](repeating: 7, count: 1300))
        tar.pax([("path", "study/" + String(repeating: "p", count: 150) + ".dcm")])
        tar.file("ignored", text: "pax")
        tar.gnuLongName("study/" + String(repeating: "g", count: 200) + ".dcm")
        tar.file("ignored", Array("gnu".utf8), style: .gnu)
        tar.entry("link", type: "2", linkName: "/etc/passwd")
        tar.end()
        return tar.bytes
    }

    @Test func readsEntriesDataAndTheEndMarker() throws {
        let events = try events(sampleArchive())
        #expect(
            events == [
                .entry(TarEntryHeader(path: "study/", kind: .directory, size: 0)), .endOfEntry,
                .entry(TarEntryHeader(path: "study/a.dcm", kind: .regularFile, size: 5)),
                .data(Array("first".utf8)), .endOfEntry,
                .entry(TarEntryHeader(path: "study/empty.dcm", kind: .regularFile, size: 0)), .endOfEntry,
                .entry(TarEntryHeader(path: "study/big.dcm", kind: .regularFile, size: 1300)),
                .data([UInt8](repeating: 7, count: 1300)), .endOfEntry,
                .entry(
                    TarEntryHeader(
                        path: "study/" + String(repeating: "p", count: 150) + ".dcm",
                        kind: .regularFile,
                        size: 3
                    )
                ),
                .data(Array("pax".utf8)), .endOfEntry,
                .entry(
                    TarEntryHeader(
                        path: "study/" + String(repeating: "g", count: 200) + ".dcm",
                        kind: .regularFile,
                        size: 3
                    )
                ),
                .data(Array("gnu".utf8)), .endOfEntry,
                .entry(TarEntryHeader(path: "link", kind: .symbolicLink, size: 0, linkTarget: "/etc/passwd")),
                .endOfEntry,
                .endOfArchive,
            ]
        )
    }

    @Test(arguments: [1, 7, 511, 512, 513, 4096])
    func feedingInPiecesGivesTheSameEvents(pieceSize: Int) throws {
        let archive = sampleArchive()
        #expect(try events(archive, pieceSize: pieceSize) == (try events(archive)))
    }

    @Test func ustarPrefixIsJoinedToTheName() throws {
        var tar = TarBuilder()
        tar.entry("name.dcm", type: "0", prefix: "some/long/prefix")
        tar.end()
        #expect(
            try events(tar.bytes).first
                == .entry(TarEntryHeader(path: "some/long/prefix/name.dcm", kind: .regularFile, size: 0))
        )
    }

    @Test func paxRecordsOverrideSizeAndLinkPath() throws {
        var tar = TarBuilder()
        tar.pax([("linkpath", "target/" + String(repeating: "t", count: 120)), ("mtime", "1.5")])
        tar.entry("short", type: "2")
        tar.pax([("size", "4")])
        tar.entry("sized", type: "0", data: [1, 2, 3, 4], sizeField: Array("00000000000\u{0}".utf8))
        tar.end()
        let events = try events(tar.bytes)
        #expect(
            events[0]
                == .entry(
                    TarEntryHeader(
                        path: "short",
                        kind: .symbolicLink,
                        size: 0,
                        linkTarget: "target/" + String(repeating: "t", count: 120)
                    )
                )
        )
        #expect(events[2] == .entry(TarEntryHeader(path: "sized", kind: .regularFile, size: 4)))
        #expect(events[3] == .data([1, 2, 3, 4]))
    }

    @Test func gnuLongLinkName() throws {
        var tar = TarBuilder()
        tar.gnuLongName("../" + String(repeating: "k", count: 120), type: "K")
        tar.entry("hard", type: "1", linkName: "short", style: .gnu)
        tar.end()
        #expect(
            try events(tar.bytes).first
                == .entry(
                    TarEntryHeader(
                        path: "hard",
                        kind: .hardLink,
                        size: 0,
                        linkTarget: "../" + String(repeating: "k", count: 120)
                    )
                )
        )
    }

    @Test func base256Size() throws {
        var tar = TarBuilder()
        let data = [UInt8](repeating: 1, count: 600)
        tar.entry("big", type: "0", data: data, sizeField: [0x80] + [UInt8](repeating: 0, count: 9) + [0x02, 0x58])
        tar.end()
        #expect(
            try events(tar.bytes).prefix(2) == [
                .entry(TarEntryHeader(path: "big", kind: .regularFile, size: 600)), .data(data),
            ]
        )
    }

    @Test func headerOnlyTypesCarryNoDataWhateverTheirSizeField() throws {
        var tar = TarBuilder()
        tar.entry("link", type: "2", linkName: "x", sizeField: Array("00000001000\u{0}".utf8))
        tar.file("next", text: "n")
        tar.end()
        let events = try events(tar.bytes)
        #expect(events[0] == .entry(TarEntryHeader(path: "link", kind: .symbolicLink, size: 0, linkTarget: "x")))
        #expect(events[2] == .entry(TarEntryHeader(path: "next", kind: .regularFile, size: 1)))
    }

    @Test func otherTypesAreReported() throws {
        var tar = TarBuilder()
        tar.entry("dev", type: "3")
        tar.entry("fifo", type: "6")
        tar.entry("label", type: "V")
        tar.pax([("GNU.sparse.major", "1")])
        tar.entry("sparse", type: "0", data: [0])
        tar.end()
        let kinds = try events(tar.bytes).compactMap { event -> TarEntryHeader.Kind? in
            if case .entry(let header) = event { header.kind } else { nil }
        }
        #expect(kinds == [.characterDevice, .fifo, .other(typeFlag: UInt8(ascii: "V")), .sparseFile])
    }

    @Test func bytesAfterTheEndMarkerAreIgnored() throws {
        let archive = makeTar([("a", "x")]) + [UInt8](repeating: 0, count: 9216) + Array("junk".utf8)
        #expect(try events(archive).last == .endOfArchive)
    }

    @Test func badChecksumIsCorrupt() throws {
        var archive = makeTar([("a.dcm", "x")])
        archive[0] = UInt8(ascii: "b")
        let error = #expect(throws: UnpackError.self) { try events(archive) }
        #expect(error?.kind == .corrupt)
        #expect(error?.message == "tar entry 'b.dcm' has a damaged header at byte 0 (bad checksum or size)")
    }

    @Test(arguments: [1, 100, 511, 512, 513, 1000, 1024, 1536, 2047])
    func truncatedArchiveIsReported(length: Int) throws {
        let archive = Array(makeTar([("a.dcm", String(repeating: "x", count: 600))]).prefix(length))
        let error = #expect(throws: UnpackError.self) { try events(archive) }
        #expect(error?.kind == .truncated)
    }

    @Test func loneZeroBlockBeforeAnEntryIsCorrupt() throws {
        var tar = TarBuilder()
        tar.append([UInt8](repeating: 0, count: 512))
        tar.file("a", text: "x")
        tar.end()
        #expect(throws: UnpackError.self) { try events(tar.bytes) }
    }

    @Test func oversizedExtendedHeaderIsRefused() throws {
        var tar = TarBuilder()
        tar.gnuLongName(String(repeating: "n", count: 2000))
        tar.file("a", text: "x")
        tar.end()
        var reader = TarReader(maximumMetadataSize: 1024)
        reader.append(tar.bytes)
        let error = #expect(throws: UnpackError.self) { _ = try reader.next() }
        #expect(error?.kind == .corrupt)
    }

    @Test func malformedPaxRecordIsCorrupt() throws {
        var tar = TarBuilder()
        tar.entry("PaxHeaders/x", type: "x", data: Array("99 path=a\n".utf8))
        tar.file("a", text: "x")
        tar.end()
        #expect(throws: UnpackError.self) { try events(tar.bytes) }
    }
}
