import ECAT
import TestSupport
import Testing

@Suite struct ECATMalformedInputTests {
    // MARK: - Magic

    @Test func rejectsEmptyAndShortInput() {
        #expect(parseError([UInt8]())?.kind == .truncated)
        #expect(parseError([UInt8]())?.offset == 0)
        #expect(parseError(Array("MATRI".utf8))?.kind == .truncated)
        #expect(parseError(Array("MATRIX72v".utf8))?.kind == .truncated)
        #expect(parseError(Array("MATRIX72v".utf8))?.offset == 9)
    }

    @Test func rejectsFilesWithoutTheMagicNumber() throws {
        let text = Array(String(repeating: "not an ecat file ", count: 40).utf8)
        let error = try #require(parseError(text))
        #expect(error.kind == .badMagic)
        #expect(error.offset == 0)
        #expect(error.message.contains("ECAT 6"))
        #expect(parseError([0x00, 0x01])?.kind == .badMagic)
    }

    @Test func rejectsECAT6() throws {
        // ECAT 6 main headers start with 28 reserved bytes and keep sw_version at byte 48.
        var bytes = [UInt8](repeating: 0, count: 2048)
        ECATFileBuilder.put(text: "ecat6.img", into: &bytes, at: 28, width: 20)
        ECATFileBuilder.put(uint16: 6, into: &bytes, at: 48)
        let error = try #require(parseError(bytes))
        #expect(error.kind == .badMagic)
        #expect(error.message.contains("ECAT 6 files have none"))
    }

    @Test func rejectsOtherMatrixVersions() throws {
        var builder = ECATFileBuilder()
        builder.setText("MATRIX6", at: 0, width: 14)
        let error = try #require(parseError(builder.build()))
        #expect(error.kind == .badMagic)
        #expect(error.message.contains("\"MATRIX6\" is not ECAT 7"))
    }

    @Test func acceptsTheECAT7MagicFamily() throws {
        for magic in ["MATRIX7", "MATRIX70v", "MATRIX71", "MATRIX72v", "MATRIX7011"] {
            var builder = ECATFileBuilder()
            builder.setText(magic, at: 0, width: 14)
            #expect(try ECATReader.read(builder.build()).mainHeader.magicNumber == magic)
        }
    }

    // MARK: - Truncation

    /// Every prefix of a file either parses to the same headers (when it holds everything the
    /// reader needs) or throws `truncated` at or before its end; nothing traps.
    @Test(arguments: [UInt16(7), 11, 8])
    func truncationAtEveryOffset(fileType: UInt16) throws {
        let built = ECATFileBuilder(fileType: fileType, frames: 3).buildWithLayout()
        let bytes = built.bytes
        let full = try ECATReader.read(bytes)
        let needed = fileType == 8 ? built.directoryBlocks.last! * 512 : built.headerEnd
        #expect(needed < bytes.count)  // the last pixel block is not needed
        for length in 0...bytes.count {
            let prefix = bytes[0..<length]
            if length < needed {
                let error = parseError(prefix)
                #expect(error?.kind == .truncated, "length \(length)")
                #expect((error?.offset ?? .max) <= length, "length \(length)")
            } else {
                let file = try ECATReader.read(prefix)
                #expect(file.mainHeader == full.mainHeader)
                #expect(file.matrices == full.matrices)
            }
        }
    }

    // MARK: - Directory

    @Test func detectsDirectoryCycles() throws {
        let built = ECATFileBuilder(frames: 70).buildWithLayout()  // directory blocks 2, b, c
        let second = built.directoryBlocks[1]
        let third = built.directoryBlocks[2]
        for (block, target) in [(third, second), (second, second), (third, third)] {
            var bytes = built.bytes
            ECATFileBuilder.put(int32: Int32(target), into: &bytes, at: (block - 1) * 512 + 4)
            let error = try #require(parseError(bytes))
            #expect(error.kind == .directoryCycle)
            #expect(error.offset == (block - 1) * 512 + 4)
        }
    }

    @Test(arguments: [Int32(-1), 1, Int32.min])
    func rejectsNextPointersIntoTheHeader(next: Int32) throws {
        var bytes = ECATFileBuilder(frames: 1).build()
        ECATFileBuilder.put(int32: next, into: &bytes, at: 516)
        let error = try #require(parseError(bytes))
        #expect(error.kind == .badPointer)
        #expect(error.offset == 516)
    }

    @Test(arguments: [Int32(9), 1_000_000, Int32.max])
    func rejectsNextPointersPastTheEnd(next: Int32) throws {
        var bytes = ECATFileBuilder(frames: 1).build()  // 4 blocks
        ECATFileBuilder.put(int32: next, into: &bytes, at: 516)
        let error = try #require(parseError(bytes))
        #expect(error.kind == .truncated)
        #expect(error.message.contains("block \(next)"))
    }

    @Test func acceptsZeroAsTheEndOfTheDirectory() throws {
        var bytes = ECATFileBuilder(frames: 2).build()
        ECATFileBuilder.put(int32: 0, into: &bytes, at: 516)
        #expect(try ECATReader.read(bytes).matrices.count == 2)
    }

    @Test(arguments: [Int32(32), -1, 1_000_000, Int32.min])
    func rejectsAbsurdEntryCounts(used: Int32) throws {
        var bytes = ECATFileBuilder(frames: 1).build()
        ECATFileBuilder.put(int32: used, into: &bytes, at: 524)
        let error = try #require(parseError(bytes))
        #expect(error.kind == .absurdCount)
        #expect(error.offset == 524)
    }

    @Test func capsTheNumberOfDirectoryBlocks() throws {
        // Main header, then a chain of empty directory blocks 2 -> 3 -> ... one longer than the cap.
        let blocks = ECATReader.maxDirectoryBlocks + 1
        var bytes = ECATFileBuilder(frames: 0).mainHeader + [UInt8](repeating: 0, count: blocks * 512)
        for block in 2...(blocks + 1) {
            let next = block == blocks + 1 ? 2 : block + 1
            ECATFileBuilder.put(int32: 31, into: &bytes, at: (block - 1) * 512)
            ECATFileBuilder.put(int32: Int32(next), into: &bytes, at: (block - 1) * 512 + 4)
        }
        let error = try #require(parseError(bytes))
        #expect(error.kind == .absurdCount)
    }

    // MARK: - Matrix pointers

    @Test(arguments: [Int32(0), 1, 2, -5, Int32.min])
    func rejectsSubheadersInTheHeaderBlocks(start: Int32) throws {
        let built = ECATFileBuilder(frames: 2).buildWithLayout()
        var bytes = built.bytes
        ECATFileBuilder.put(int32: start, into: &bytes, at: built.entryOffsets[1] + 4)
        let error = try #require(parseError(bytes))
        #expect(error.kind == .badPointer)
        #expect(error.offset == built.entryOffsets[1] + 4)
    }

    @Test func rejectsASubheaderInADirectoryBlock() throws {
        let built = ECATFileBuilder(frames: 40).buildWithLayout()
        var bytes = built.bytes
        ECATFileBuilder.put(int32: Int32(built.directoryBlocks[1]), into: &bytes, at: built.entryOffsets[0] + 4)
        #expect(parseError(bytes)?.kind == .badPointer)
    }

    @Test(arguments: [Int32(5), 4_000_000, Int32.max])
    func rejectsSubheadersPastTheEnd(start: Int32) throws {
        let built = ECATFileBuilder(frames: 1).buildWithLayout()  // 4 blocks
        var bytes = built.bytes
        ECATFileBuilder.put(int32: start, into: &bytes, at: built.entryOffsets[0] + 4)
        let error = try #require(parseError(bytes))
        #expect(error.kind == .truncated)
        #expect(error.offset == bytes.count)
    }

    @Test func toleratesDataBlocksPastTheEnd() throws {
        let built = ECATFileBuilder(frames: 1).buildWithLayout()
        var bytes = built.bytes
        ECATFileBuilder.put(int32: Int32.max, into: &bytes, at: built.entryOffsets[0] + 8)
        #expect(try ECATReader.read(bytes).matrices[0].entry.endBlock == Int32.max)
    }

    // MARK: - Mutations

    /// Random byte changes and cuts in the header region never trap or hang: each result is a
    /// parsed file or an `ECATParseError`.
    @Test func survivesRandomMutations() {
        let built = ECATFileBuilder(fileType: 7, frames: 40).buildWithLayout()
        var generator = SeededGenerator(seed: 0xEC47)
        var parsed = 0
        var failed = 0
        for _ in 0..<1500 {
            var bytes = built.bytes
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = Int.random(in: 512..<built.headerEnd, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) {
                bytes.removeLast(Int.random(in: 0..<bytes.count, using: &generator))
            }
            if parseError(bytes) == nil { parsed += 1 } else { failed += 1 }
        }
        #expect(parsed + failed == 1500)
        #expect(parsed > 0 && failed > 0)
    }
}
