import DICOM
import Testing
import TestSupport

@Suite struct Part10RoundTripTests {
    static let builder: DICOMFileBuilder = {
        var builder = DICOMFileBuilder.instance()
        builder.set(.specificCharacterSet, .CS, "ISO_IR 192")
        builder.set(.patientName, .PN, "Müller^Jürgen")
        builder.setUInt16(.bitsAllocated, 16)
        builder.setSequence(Tag(0x0008_1140), [
            DataSet([Part10Writer.text(0x0008_1150, .UI, "1.2.840.10008.5.1.4.1.1.4"), Part10Writer.text(0x0008_1155, .UI, "1.2.3.4")]),
            DataSet(),
        ])
        builder.setBytes(Tag(0x0029_0010), .LO, Array("SIEMENS ".utf8))
        builder.setBytes(Tag(0x0029_1010), .OB, [1, 2, 3, 4])
        builder.setPixelData(count: 8)
        return builder
    }()

    static let syntaxes: [TransferSyntax] = [.explicitVRLittleEndian, .implicitVRLittleEndian, .explicitVRBigEndian]

    @Test(arguments: syntaxes)
    func writtenFilesReadBackEqual(syntax: TransferSyntax) throws {
        let bytes = Self.builder.file(syntax)
        let file = try DICOMFile.read(bytes, options: ParseOptions(mode: .strict))
        #expect(file.hasPreamble)
        #expect(file.transferSyntax == syntax)
        #expect(file.fileMeta.string(.transferSyntaxUID) == syntax.uid)
        #expect(file.fileMeta.string(.mediaStorageSOPInstanceUID) == "1.2.826.0.1.3680043.8.498.1.1.1")
        #expect(file.dataSet.string(.patientName) == "Müller^Jürgen")
        #expect(file.dataSet.int(.bitsAllocated) == 16)
        #expect(file.dataSet.items(Tag(0x0008_1140))?.count == 2)
        #expect(file.dataSet.items(Tag(0x0008_1140))?.first?.string(Tag(0x0008_1155)) == "1.2.3.4")
        #expect(file.dataSet[Tag(0x0029_1010)]?.bytes == [1, 2, 3, 4])
        #expect(file.dataSet[.pixelData]?.bytes.count == 8)
        #expect(file.repairs.isEmpty)
    }

    @Test(arguments: syntaxes)
    func piecesGiveTheSameFile(syntax: TransferSyntax) throws {
        let bytes = Self.builder.file(syntax)
        let whole = try DICOMFile.read(bytes, options: ParseOptions(mode: .strict))
        for chunk in [1, 3, 131, 132, 133, 1000] {
            let file = try readFile(bytes, chunk: chunk)
            #expect(file.dataSet == whole.dataSet, "chunk \(chunk)")
            #expect(file.fileMeta == whole.fileMeta, "chunk \(chunk)")
        }
    }

    @Test func headerReadStopsBeforePixelData() throws {
        let bytes = Self.builder.file()
        var reader = DICOMFileReader(options: .header)
        // Feed everything up to, but not including, the pixel data value: the header must be complete.
        let file = try DICOMFile.read(bytes, options: .header)
        #expect(file.stoppedAt == .pixelData)
        #expect(file.dataSet[.pixelData] == nil)
        reader.append(bytes.prefix(bytes.count - 8))
        #expect(try reader.read()?.dataSet.string(.patientID) == "P001")
    }

    @Test func deflatedFilesAreInflated() throws {
        let bytes = Self.builder.deflatedFile()
        let file = try DICOMFile.read(bytes, options: ParseOptions(mode: .strict))
        #expect(file.transferSyntax.isDeflated)
        #expect(file.dataSet.string(.patientName) == "Müller^Jürgen")
        #expect(try readFile(bytes, chunk: 7).dataSet == file.dataSet)
    }

    @Test(arguments: syntaxes)
    func rawDataSetsWithoutFileMetaAreDetected(syntax: TransferSyntax) throws {
        let bytes = Self.builder.rawDataSet(syntax)
        let file = try DICOMFile.read(bytes, options: ParseOptions(mode: .lenient))
        #expect(!file.hasPreamble)
        #expect(file.fileMeta.isEmpty)
        #expect(file.transferSyntax.isExplicitVR == syntax.isExplicitVR)
        #expect(file.transferSyntax.isLittleEndian == syntax.isLittleEndian)
        #expect(file.dataSet.string(.studyInstanceUID) == "1.2.826.0.1.3680043.8.498.1")
    }

    @Test func dataSetEncodedOtherwiseThanDeclaredIsReadInLenientMode() throws {
        var bytes = Part10Writer.fileMetaBytes(sopClassUID: "1.2", sopInstanceUID: "1.2.3", transferSyntaxUID: TransferSyntax.explicitVRLittleEndian.uid)
        bytes += Self.builder.rawDataSet(.implicitVRLittleEndian)
        #expect(throws: DICOMParseError.self) { try DICOMFile.read(bytes, options: ParseOptions(mode: .strict)) }
        let file = try DICOMFile.read(bytes, options: ParseOptions(mode: .lenient))
        #expect(file.dataSet.string(.patientID) == "P001")
        #expect(file.repairs.count == 1)
    }

    @Test func fileMetaHasItsGroupLength() throws {
        let bytes = Part10Writer.fileMetaBytes(sopClassUID: "1.2", sopInstanceUID: "1.2.3", transferSyntaxUID: "1.2.840.10008.1.2.1", sourceAETitle: "SCANNER")
        let file = try DICOMFile.read(bytes, options: ParseOptions(mode: .strict))
        #expect(file.fileMeta.int(Tag(0x0002_0000)) == bytes.count - 144)
        #expect(file.fileMeta.string(Tag(0x0002_0016)) == "SCANNER")
        #expect(file.fileMeta.string(Tag(0x0002_0012)) == Part10Writer.implementationClassUID)
    }

    @Test func jsonModelKeyedByKeyword() throws {
        let file = try DICOMFile.read(Self.builder.file(), options: .header)
        let json = DICOMJSON.render(file)
        #expect(json.contains(#""PatientName":{"vr":"PN","Value":[{"Alphabetic":"Müller^Jürgen"}]}"#))
        #expect(json.contains(#""Rows":{"vr":"US","Value":[2]}"#))
        #expect(json.contains(#""SeriesNumber":{"vr":"IS","Value":[3]}"#))
        #expect(json.contains(#""00291010":{"vr":"OB","InlineBinary":"AQIDBA=="}"#))
        #expect(json.contains(#""ReferencedImageSequence":{"vr":"SQ","Value":[{"ReferencedSOPClassUID""#))
        #expect(!json.contains("PixelData"))
    }
}
