import DICOM
import Testing
import TestSupport

@Suite struct ValueDecodingTests {
    func element(_ tag: Tag, _ vr: VR, _ hex: String, littleEndian: Bool = true) -> DataElement {
        DataElement(tag: tag, vr: vr, value: .bytes(HexBytes(hex)), isLittleEndian: littleEndian)
    }

    @Test func textValuesAreSplitAndUnpadded() {
        let dataSet = DataSet([
            element(.imageType, .CS, "4F 52 49 47 49 4E 41 4C 5C 50 52 49 4D 41 52 59 5C 4D 20"),  // ORIGINAL\PRIMARY\M_
            element(.sopInstanceUID, .UI, "31 2E 32 2E 33 00"),  // "1.2.3\0"
            element(.studyDescription, .LO, "20 42 72 61 69 6E 20"),  // " Brain "
            element(.imageComments, .LT, "20 61 5C 62 20"),  // " a\b ": LT keeps backslash and leading space
        ])
        #expect(dataSet.strings(.imageType) == ["ORIGINAL", "PRIMARY", "M"])
        #expect(dataSet.string(.sopInstanceUID) == "1.2.3")
        #expect(dataSet.string(.studyDescription) == "Brain")
        #expect(dataSet.strings(.imageComments) == [" a\\b"])
    }

    @Test func numbersInTextAndBinary() {
        let dataSet = DataSet([
            element(.pixelSpacing, .DS, "30 2E 35 5C 2D 31 2E 32 35 65 32 20"),  // "0.5\-1.25e2 "
            element(.instanceNumber, .IS, "2B 31 32 20"),  // "+12 "
            element(.rows, .US, "00 02"),
            element(.columns, .US, "02 00", littleEndian: false),
            element(Tag(0x0028_0106), .SS, "FE FF"),  // -2
            element(Tag(0x0018_9089), .FD, "00 00 00 00 00 00 F8 3F"),  // 1.5
            element(Tag(0x0018_1060), .FL, "00 00 20 40"),  // 2.5 (FL)
            element(Tag(0x0020_9165), .AT, "10 00 10 00 08 00 60 00"),
        ])
        #expect(dataSet.doubles(.pixelSpacing) == [0.5, -125])
        #expect(dataSet.int(.instanceNumber) == 12)
        #expect(dataSet.int(.rows) == 512)
        #expect(dataSet.int(.columns) == 512)
        #expect(dataSet.int(Tag(0x0028_0106)) == -2)
        #expect(dataSet.double(Tag(0x0018_9089)) == 1.5)
        #expect(dataSet.double(Tag(0x0018_1060)) == 2.5)
        #expect(dataSet.decoded(Tag(0x0020_9165)) == .tags([.patientName, .modality]))
    }

    @Test func personNameGroupsAndComponents() {
        let name = PersonName("Yamada^Tarou=山田^太郎=やまだ^たろう")
        #expect(name.familyName == "Yamada")
        #expect(name.givenName == "Tarou")
        #expect(name.ideographic == "山田^太郎")
        #expect(name.phonetic == "やまだ^たろう")
        #expect(PersonName("Doe^John^^Dr").namePrefix == "Dr")
        #expect(PersonName("Doe").description == "Doe")
    }

    @Test func datesAndTimes() {
        #expect(DICOMDate("20240301")?.description == "2024-03-01")
        #expect(DICOMDate("2024.03.01")?.month == 3)
        #expect(DICOMDate("20241301") == nil)
        #expect(DICOMDate("2024") == nil)
        #expect(DICOMTime("140359.25")?.microsecond == 250_000)
        #expect(DICOMTime("1403")?.description == "14:03:00")
        #expect(DICOMTime("14:03:59")?.second == 59)
        #expect(DICOMTime("25") == nil)
    }

    @Test func unknownVRDecodesWithTheDictionaryVR() {
        let dataSet = DataSet([element(.rows, .UN, "00 01")])
        #expect(dataSet.int(.rows) == 256)
    }
}

@Suite struct SpecificCharacterSetTests {
    func name(_ charset: String, _ hex: String) -> String? {
        var dataSet = DataSet()
        dataSet.insert(Part10Writer.text(0x0008_0005, .CS, charset))
        dataSet.insert(DataElement(tag: .patientName, vr: .PN, value: .bytes(HexBytes(hex))))
        return dataSet.string(.patientName)
    }

    @Test func defaultRepertoireAndLatin1() {
        #expect(name("", "44 6F 65") == "Doe")
        #expect(name("ISO_IR 100", "42 75 63 5E 4A E9 72 F4 6D 65") == "Buc^Jérôme")
    }

    @Test func utf8() {
        #expect(name("ISO_IR 192", "57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D E7 8E 8B 5E E5 B0 8F E6 9D B1") == "Wang^XiaoDong=王^小東")
    }

    @Test func singleByteSets() {
        #expect(name("ISO_IR 144", "BB EE DA E1 D5 DC D1 E3 E0 D3") == "Люксембург")
        #expect(name("ISO_IR 126", "C4 E9 EF ED F5 F3 E9 EF F2") == "Διονυσιος")
        #expect(name("ISO_IR 138", "F9 F8 E5 EF") == "שרון")
    }

    @Test func codeExtensionsSwitchSets() {
        // "\ISO 2022 IR 100": ESC - A selects Latin-1 for G1.
        #expect(name("\\ISO 2022 IR 100", "1B 2D 41 4A E9 72 F4 6D 65") == "Jérôme")
        // JIS X 0208 (ESC $ B) is decoded.
        #expect(name("\\ISO 2022 IR 87", "59 61 6D 61 64 61 3D 1B 24 42 3B 33 45 44 1B 28 42") == "Yamada=山田")
        #expect(SpecificCharacterSet(terms: ["", "ISO 2022 IR 87"]).unsupportedTerms.isEmpty)
        #expect(SpecificCharacterSet(terms: ["", "ISO 2022 IR 999"]).unsupportedTerms == ["ISO 2022 IR 999"])
    }
}
