import ECAT
import TestSupport
import Testing

@Suite struct ECATReaderTests {
    @Test func readsEveryDefaultMainHeaderField() throws {
        let file = try ECATReader.read(ECATFileBuilder(frames: 2).build())
        let header = file.mainHeader
        #expect(header.magicNumber == "MATRIX72v")
        #expect(header.originalFileName == "synthetic.v")
        #expect(header.swVersion == 72)
        #expect(header.systemType == 962)
        #expect(header.fileType == 7)
        #expect(header.knownFileType == .volume16)
        #expect(header.serialNumber == "SN-42")
        #expect(header.scanStartTime == ECATFileBuilder.defaultScanStart)
        #expect(header.scanStartTimeUTC == "2023-11-14T22:13:20Z")
        #expect(header.isotopeName == "F-18")
        #expect(header.isotopeHalflife == Float(6586.2))
        #expect(header.radiopharmaceutical == "FDG")
        #expect(header.ecatCalibrationFactor == 1.5)
        #expect(header.studyType == "BRAIN")
        #expect(header.patientID == ECATFileBuilder.defaultPatientID)
        #expect(header.patientName == ECATFileBuilder.defaultPatientName)
        #expect(header.patientSex == "F")
        #expect(header.patientDexterity == "")
        #expect(header.patientAge == 42.5)
        #expect(header.physicianName == "Dr Who")
        #expect(header.operatorName == "Operator One")
        #expect(header.studyDescription == "Synthetic study")
        #expect(header.acquisitionType == 4)
        #expect(header.knownAcquisitionType == .dynamicEmission)
        #expect(header.knownAcquisitionType?.name == "Dynamic emission")
        #expect(header.patientOrientation == 3)
        #expect(header.facilityName == "Sluice Lab")
        #expect(header.numPlanes == 1)
        #expect(header.numFrames == 2)
        #expect(header.numGates == 1)
        #expect(header.numBedPos == 1)
        #expect(header.bedPosition == (0..<15).map { Float($0) * 0.5 })
        #expect(header.doseStartTime == ECATFileBuilder.defaultDoseStart)
        #expect(header.doseStartTimeUTC == "2023-11-14T22:03:20Z")
        #expect(header.dosage == 370e6)
        #expect(header.dataUnits == "Bq/ml")
        #expect(header.septaState == 0)
    }

    @Test func fieldsUseNibabelNamesInByteOrder() throws {
        let header = try ECATReader.read(ECATFileBuilder().build()).mainHeader
        let names = header.fields.map(\.name)
        #expect(names.count == 59)  // nibabel's main_header_dtd less the trailing `fill`
        #expect(names.first == "magic_number")
        #expect(names.last == "septa_state")
        #expect(names.contains("original_filename"))
        #expect(names.contains("calibration_unitS"))
        #expect(Set(names).count == names.count)
        #expect(value("patient_id", in: header.fields) == .text(ECATFileBuilder.defaultPatientID))
        #expect(value("num_frames", in: header.fields) == .integer(1))
        #expect(value("isotope_halflife", in: header.fields) == .real(6586.2))
        #expect(value("bed_position", in: header.fields) == .reals((0..<15).map { Float($0) * 0.5 }))
    }

    @Test func readsImageSubheaderAndDirectoryEntry() throws {
        var builder = ECATFileBuilder(frames: 1)
        builder.matrices[0].annotation = "osem-wa4/16"
        builder.matrices[0].frameStartTime = 1_500_016
        builder.matrices[0].frameDuration = 300_000
        let file = try ECATReader.read(builder.build())
        #expect(file.directoryBlocks == [2])
        let matrix = try #require(file.matrices.first)
        #expect(matrix.entry.matrixNumber == 0x0101_0001)
        #expect(matrix.entry.id == ECATMatrixID(frame: 1, plane: 1, gate: 1))
        #expect(matrix.entry.startBlock == 3)
        #expect(matrix.entry.endBlock == 4)
        #expect(matrix.entry.status == 1)
        #expect(matrix.entry.directoryBlock == 2)
        #expect(matrix.entry.offset == 528)
        #expect(matrix.entry.subheaderOffset == 1024)
        guard case .image(let image) = matrix.subheader else {
            Issue.record("expected an image subheader, got \(matrix.subheader)")
            return
        }
        #expect(image.dataType == 6)
        #expect(image.numDimensions == 3)
        #expect([image.xDimension, image.yDimension, image.zDimension] == [4, 4, 2])
        #expect(image.scaleFactor == 0.25)
        #expect(image.imageMin == -10)
        #expect(image.imageMax == 1000)
        #expect(image.xPixelSize == Float(0.2))
        #expect(image.frameStartTime == 1_500_016)
        #expect(image.frameDuration == 300_000)
        #expect(image.annotation == "osem-wa4/16")
        #expect(image.mt == [1, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(image.mt4 == [0, 0, -5])
        #expect(image.reconViews == 96)
        #expect(matrix.subheader.frameStartTime == 1_500_016)
        #expect(matrix.subheader.frameDuration == 300_000)
        #expect(matrix.subheader.layoutName == "image")
        let names = matrix.subheader.fields.map(\.name)
        #expect(names.count == 59)  // nibabel's subheader_dtd less `fill` and `fill2`
        #expect(names.contains("mt_3_3") && names.contains("mt_4_3") && names.contains("recon_views"))
        #expect(value("image_min", in: matrix.subheader.fields) == .integer(-10))
    }

    @Test func followsAMultiBlockDirectory() throws {
        let built = ECATFileBuilder(frames: 70).buildWithLayout()
        let file = try ECATReader.read(built.bytes)
        #expect(built.directoryBlocks.count == 3)
        #expect(file.directoryBlocks == built.directoryBlocks)
        #expect(file.matrices.count == 70)
        #expect(file.matrices.map(\.entry.offset) == built.entryOffsets)
        #expect(file.matrices.map(\.entry.subheaderOffset) == built.subheaderOffsets)
        #expect(file.matrices.map(\.subheader.frameStartTime) == (0..<70).map { Int64($0) * 60_000 })
        #expect(file.matrices.map(\.entry.id.frame) == Array(1...70))
        #expect(file.matrices[31].entry.directoryBlock == built.directoryBlocks[1])
    }

    @Test func readsFewEntriesPerBlockAndAnEmptyDirectory() throws {
        var builder = ECATFileBuilder(frames: 12)
        builder.entriesPerDirectoryBlock = 5
        let built = builder.buildWithLayout()
        let file = try ECATReader.read(built.bytes)
        #expect(file.directoryBlocks.count == 3)
        #expect(file.matrices.count == 12)

        let empty = try ECATReader.read(ECATFileBuilder(frames: 0).build())
        #expect(empty.matrices.isEmpty)
        #expect(empty.directoryBlocks == [2])
    }

    @Test func trimsTextFields() throws {
        var builder = ECATFileBuilder()
        builder.setText("Doe^Jane   ", at: 182, width: 32)  // trailing spaces, then NULs
        builder.setText("ABCDEFGHIJKLMNOP", at: 166, width: 16)  // fills the field: no NUL
        builder.setText("Op\u{0}hidden", at: 264, width: 32)  // text after the first NUL is dropped
        builder.setText("Caf\u{E9}  Lab", at: 332, width: 20)  // latin-1 0xE9; inner spaces kept
        builder.setText("   ", at: 154, width: 12)  // only spaces
        let header = try ECATReader.read(builder.build()).mainHeader
        #expect(header.patientName == "Doe^Jane")
        #expect(header.patientID == "ABCDEFGHIJKLMNOP")
        #expect(header.operatorName == "Op")
        #expect(header.facilityName == "Café  Lab")
        #expect(header.studyType == "")
    }

    @Test func parsesArraySlicesWithAnOffsetStart() throws {
        let bytes = ECATFileBuilder(frames: 3).build()
        let padded = [UInt8](repeating: 0xAA, count: 100) + bytes + [0xBB]
        let slice = padded[100..<(100 + bytes.count)]
        #expect(try ECATReader.read(slice) == ECATReader.read(bytes))
        #expect(try ECATFile(bytes: bytes) == ECATReader.read(bytes))
    }

    @Test func incrementalReaderAsksForEachRange() throws {
        let built = ECATFileBuilder(frames: 2).buildWithLayout()
        let bytes = built.bytes
        var reader = try ECATReader(mainHeaderBytes: bytes.prefix(512), fileSize: bytes.count)
        #expect(reader.mainHeader.numFrames == 2)
        #expect(throws: ECATParseError.self) { try reader.finish() }
        var requests: [ECATByteRequest] = []
        while let request = reader.nextRequest {
            requests.append(request)
            try reader.supply(bytes[request.range])
        }
        #expect(
            requests == [
                ECATByteRequest(range: 512..<1024, purpose: .directoryBlock(2)),
                ECATByteRequest(range: 1024..<1536, purpose: .subheader(matrixIndex: 0)),
                ECATByteRequest(range: 2048..<2560, purpose: .subheader(matrixIndex: 1)),
            ]
        )
        #expect(try reader.finish() == ECATReader.read(bytes))
        let extra = #expect(throws: ECATParseError.self) { try reader.supply([0]) }
        #expect(extra?.kind == .unexpectedInput)
    }

    @Test func incrementalReaderRejectsAShortSupply() throws {
        let bytes = ECATFileBuilder(frames: 1).build()
        var reader = try ECATReader(mainHeaderBytes: bytes.prefix(512), fileSize: bytes.count)
        let error = try #require(#expect(throws: ECATParseError.self) { try reader.supply(bytes[512..<700]) })
        #expect(error.kind == .truncated)
        #expect(error.offset == 700)
        #expect(reader.nextRequest == nil)
        #expect(throws: error) { try reader.finish() }
    }

    @Test func sniffsTheMagicNumber() {
        #expect(ECATReader.isECAT7(Array("MATRIX72v".utf8)))
        #expect(ECATReader.isECAT7(Array("MATRIX7".utf8)))
        #expect(ECATReader.isECAT7(ECATFileBuilder().build()[...]))
        #expect(!ECATReader.isECAT7(Array("MATRIX6".utf8)))
        #expect(!ECATReader.isECAT7(Array("MATRIX".utf8)))
        #expect(!ECATReader.isECAT7([UInt8](repeating: 0, count: 128) + Array("DICM".utf8)))
    }

    @Test func namesFileTypesLikeNibabel() {
        #expect(ECATFileType.allCases.count == 15)
        #expect(ECATFileType.volume16.name == "ECAT7_VOLUME16")
        #expect(ECATFileType.scan3D.name == "ECAT7_3DSCAN")
        #expect(ECATFileType.scan3D.subheaderLayout?.size == 1024)
        #expect(ECATFileType.image8.subheaderLayout == .image)
        #expect(ECATFileType.projection16.subheaderLayout == nil)
    }
}
