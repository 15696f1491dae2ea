import DICOM
import TestSupport
import Testing

/// Inputs found by the libFuzzer targets (`Fuzz/README.md`), each kept once its bug was fixed.
@Suite struct FuzzRegressionTests {
    /// FuzzDICOMFile, eight zero bytes: a raw data set holding (0000,0000). Written as Part 10 by `Part10Writer`, its
    /// data set starts with group 0000 right after the file meta; the file meta reader went on reading it as file meta
    /// (explicit VR), so strict mode refused the file Sluice had written ("invalid VR bytes 0x00 0x00").
    @Test func dataSetStartingWithGroup0000AfterTheFileMetaIsNotFileMeta() throws {
        let raw = try DICOMFile.read(HexBytes("00 00 00 00  00 00 00 00"), options: ParseOptions(mode: .strict))
        let written = Part10Writer.write(raw.dataSet, transferSyntax: .implicitVRLittleEndian)
        let file = try DICOMFile.read(written, options: ParseOptions(mode: .strict))
        #expect(file.dataSet.elements.map(\.tag) == [Tag(0x0000_0000)])
        #expect(file.fileMeta.elements.allSatisfy { $0.tag.group == 0x0002 })
        #expect(file.transferSyntax == .implicitVRLittleEndian)
        #expect(file.repairs.isEmpty)
    }

    /// The same with more elements after it: group 0000 and a standard element, all in the data set.
    @Test func dataSetStartingBelowGroup0002KeepsEveryElement() throws {
        let dataSet = HexBytes(
            """
            00 00 00 00  04 00 00 00  0C 00 00 00   # (0000,0000) UL 12, implicit VR
            00 00 00 01  02 00 00 00  30 00         # (0000,0100) US CommandField 0x0030
            08 00 60 00  02 00 00 00  43 54         # (0008,0060) Modality "CT"
            """
        )
        let meta = Part10Writer.fileMetaBytes(
            sopClassUID: "1.2.840.10008.5.1.4.1.1.2",
            sopInstanceUID: "1.2.3",
            transferSyntaxUID: TransferSyntax.implicitVRLittleEndian.uid
        )
        let file = try DICOMFile.read(meta + dataSet, options: ParseOptions(mode: .strict))
        #expect(file.dataSet.elements.map(\.tag) == [Tag(0x0000_0000), Tag(0x0000_0100), Tag(0x0008_0060)])
        #expect(file.dataSet.string(Tag(0x0008_0060)) == "CT")
    }

    /// FuzzDICOMFile: an element read again while it waits for the rest of its value recorded its repairs again, once
    /// per piece fed (a 690-byte file in 1-byte pieces gave 26 copies of "invalid VR bytes"), so reading in pieces
    /// disagreed with reading whole and repairs grew with the number of pieces.
    @Test func repairsOfAnElementFedInPiecesAreRecordedOnce() throws {
        let bytes = HexBytes(
            """
            08 00 60 00  43 53  02 00  43 54   # (0008,0060) CS "CT": explicit VR little endian
            10 00 10 00  00 10 00 00           # (0010,0010), VR bytes 00 10: read as implicit VR, length 4096
            44 6F 65 5E  4A 61 6E 65           # 8 of the 4096 bytes
            """
        )
        let whole = try DICOMFile.read(bytes)
        var reader = DICOMFileReader()
        for byte in bytes {
            reader.append([byte])
            #expect(try reader.read() == nil)
        }
        reader.finishInput()
        let pieced = try #require(try reader.read())
        #expect(pieced.repairs == whole.repairs)
        #expect(whole.repairs.filter { $0.message.contains("invalid VR") }.count == 1)
    }

    /// FuzzDICOMFile: with no Transfer Syntax UID in the file meta, the data set's encoding was guessed from the bytes
    /// at hand when the file meta ended, fewer than 8 when fed in pieces, so the same file read as implicit VR in
    /// pieces and as explicit VR whole. The guess now waits for 8 bytes, as a whole read has them.
    @Test func encodingWithoutTransferSyntaxIsDetectedTheSameInPieces() throws {
        let bytes =
            [UInt8](repeating: 0, count: 128) + Array("DICM".utf8)
            + HexBytes(
                """
                02 00 01 00  4F 42 00 00  02 00 00 00  00 01   # (0002,0001) OB, no (0002,0010)
                08 00 60 00  43 53  02 00  43 54               # (0008,0060) CS "CT", explicit VR little endian
                10 00 10 00  50 4E  04 00  44 6F 65 5E         # (0010,0010) PN "Doe^"
                """
            )
        let whole = try DICOMFile.read(bytes)
        var reader = DICOMFileReader()
        var pieced: DICOMFile?
        for byte in bytes where pieced == nil {
            reader.append([byte])
            pieced = try reader.read()
        }
        reader.finishInput()
        let file = try #require(try pieced ?? reader.read())
        #expect(whole.transferSyntax.isExplicitVR)
        #expect(file.transferSyntax == whole.transferSyntax)
        #expect(file.dataSet == whole.dataSet)
        #expect(file.dataSet.string(Tag(0x0010_0010)) == "Doe^")
    }
}
