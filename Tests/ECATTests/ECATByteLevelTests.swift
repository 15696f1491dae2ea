import ECAT
import TestSupport
import Testing

/// Fields read from hand-written bytes (values copied from nibabel's `tinypet.v`), so a wrong
/// offset or byte order in the reader cannot hide behind the same mistake in the builder.
@Suite struct ECATByteLevelTests {
    private func patched(_ patches: [(offset: Int, bytes: [UInt8])], into bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for patch in patches {
            result.replaceSubrange(patch.offset..<patch.offset + patch.bytes.count, with: patch.bytes)
        }
        return result
    }

    @Test func mainHeaderFieldsAtTheirOffsets() throws {
        let bytes = patched(
            [
                (46, [0x00, 0x4A]),  // sw_version = 74
                (48, [0x03, 0xC1]),  // system_type = 961
                (62, [0x4C, 0xE5, 0xBD, 0x47]),  // scan_start_time = 1290124615
                (74, [0x45, 0xCD, 0xD1, 0x9A]),  // isotope_halflife = 6586.2 (IEEE, big-endian)
                (154, Array("B10_297___4".utf8) + [0]),  // study_type, char[12]
                (228, [0xFF, 0xFF, 0xFF, 0xFF]),  // patient_birth_date = -1 (signed int)
                (354, [0x00, 0x01]),  // num_frames = 1
                (424, [0x3E, 0xA0, 0x00, 0x00]),  // plane_separation = 0.3125
                (454, [0x4C, 0xEE, 0xB7, 0xAE]),  // dose_start_time = 1290450862
            ],
            into: ECATFileBuilder().build()
        )
        let header = try ECATReader.read(bytes).mainHeader
        #expect(header.swVersion == 74)
        #expect(header.systemType == 961)
        #expect(header.scanStartTime == 1_290_124_615)
        #expect(header.scanStartTimeUTC == "2010-11-18T23:56:55Z")
        #expect(header.isotopeHalflife == 6586.2001953125)
        #expect(header.studyType == "B10_297___4")
        #expect(header.patientBirthDate == -1)
        #expect(header.numFrames == 1)
        #expect(header.planeSeparation == 0.3125)
        #expect(header.doseStartTime == 0x4CEE_B7AE)
    }

    @Test func directoryRowAndSubheaderTimesAtTheirOffsets() throws {
        let bytes = patched(
            [
                // Directory block 2, row 0: nfree 30, next 2, previous 0, nused 1.
                (512, [0, 0, 0, 0x1E, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x01]),
                // Row 1: matrix 0x01010006, blocks 3 to 3011 (past the end: pixel data is not
                // read), status 1.
                (528, [0x01, 0x01, 0x00, 0x06, 0, 0, 0, 0x03, 0, 0, 0x0B, 0xC3, 0, 0, 0, 0x01]),
                // Subheader at block 3 (byte 1024): frame_duration 300000, frame_start_time 1500016.
                (1024 + 46, [0x00, 0x04, 0x93, 0xE0, 0x00, 0x16, 0xE3, 0x70]),
            ],
            into: ECATFileBuilder(frames: 1).build()
        )
        let file = try ECATReader.read(bytes)
        let matrix = try #require(file.matrices.first)
        #expect(file.matrices.count == 1)
        #expect(matrix.entry.matrixNumber == 16_842_758)
        #expect(matrix.entry.id == ECATMatrixID(frame: 6, plane: 1, gate: 1, data: 0, bed: 0))
        #expect(matrix.entry.startBlock == 3)
        #expect(matrix.entry.endBlock == 3011)
        #expect(matrix.subheader.frameDuration == 300_000)
        #expect(matrix.subheader.frameStartTime == 1_500_016)
    }

    @Test func matrixNumberBitFields() {
        // frame 0x1FF | plane hi bits (0x300 >> 8 = 3) at bits 9-10 | data bit 2 at bit 11
        // | bed 0xF at bits 12-15 | plane lo 0xFF at 16-23 | gate 0x3F at 24-29 | data lo 3 at 30-31
        let all = ECATMatrixID(frame: 0x1FF, plane: 0x3FF, gate: 0x3F, data: 7, bed: 0xF)
        #expect(all.encoded == Int32(bitPattern: 0xFFFF_FFFF))
        #expect(ECATMatrixID(frame: 0, plane: 0x100).encoded == 0x0000_0200)
        #expect(ECATMatrixID(frame: 0, data: 4).encoded == 0x0000_0800)
        #expect(ECATMatrixID(frame: 0, data: 1).encoded == 0x4000_0000)
        #expect(ECATMatrixID(frame: 2, plane: 3, gate: 1, bed: 5).encoded == 0x0103_5002)
        for id in [all, ECATMatrixID(frame: 17, plane: 300, gate: 2, data: 5, bed: 3)] {
            #expect(ECATMatrixID(encoded: id.encoded) == id)
        }
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"),
        (951_782_400, "2000-02-29T00:00:00Z"), (1_290_124_615, "2010-11-18T23:56:55Z"),
        (Int64(Int32.max), "2038-01-19T03:14:07Z"), (Int64(Int32.min), "1901-12-13T20:45:52Z"),
        (4_107_542_400, "2100-03-01T00:00:00Z"), (-62_135_596_800, "0001-01-01T00:00:00Z"),
    ])
    func formatsUTCTimes(seconds: Int64, expected: String) {
        #expect(ECATTime.utcString(unixSeconds: seconds) == expected)
    }
}
