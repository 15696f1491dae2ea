import Testing

@testable import DICOM

@Suite struct DataDictionaryTests {
    @Test func patientName() throws {
        let entry = try #require(DataDictionary.entry(for: Tag(group: 0x0010, element: 0x0010)))
        #expect(entry.tag == .patientName)
        #expect(entry.vrs == [.PN])
        #expect(entry.vm == "1")
        #expect(entry.keyword == "PatientName")
        #expect(entry.name == "Patient's Name")
        #expect(!entry.isRetired)
        #expect(entry.pattern == nil)
        #expect(DataDictionary.defaultVR(for: .patientName) == .PN)
    }

    @Test func sopInstanceUID() {
        #expect(Tag.sopInstanceUID.rawValue == 0x0008_0018)
        #expect(DataDictionary.keyword(for: .sopInstanceUID) == "SOPInstanceUID")
        #expect(DataDictionary.defaultVR(for: .sopInstanceUID) == .UI)
        #expect(Tag.studyInstanceUID.rawValue == 0x0020_000D)
        #expect(Tag.transferSyntaxUID.rawValue == 0x0002_0010)
        #expect(Tag.rtPlanLabel.rawValue == 0x300A_0002)
        #expect(Tag.xRayTubeCurrent.rawValue == 0x0018_1151)
    }

    @Test func ambiguousVRsKeepEveryAlternative() {
        #expect(DataDictionary.entry(for: .smallestImagePixelValue)?.vrs == [.US, .SS])
        #expect(DataDictionary.defaultVR(for: .smallestImagePixelValue) == .US)
        #expect(DataDictionary.entry(for: .lutData)?.vrs == [.US, .OW])
        #expect(DataDictionary.entry(for: .grayLookupTableData)?.vrs == [.US, .SS, .OW])
    }

    @Test func repeatingGroups() throws {
        let overlayData = try #require(DataDictionary.entry(for: Tag(0x6000_3000)))
        #expect(overlayData.keyword == "OverlayData")
        #expect(overlayData.vrs == [.OB, .OW])
        #expect(overlayData.pattern == "60xx3000")
        #expect(overlayData.tag == Tag(0x6000_3000))

        #expect(DataDictionary.keyword(for: Tag(0x6002_0010)) == "OverlayRows")
        #expect(DataDictionary.defaultVR(for: Tag(0x601E_0011)) == .US)
        #expect(DataDictionary.keyword(for: Tag(0x5010_3000)) == "CurveData")
        #expect(DataDictionary.keyword(for: Tag(0x7F02_0010)) == "VariablePixelData")
        #expect(DataDictionary.keyword(for: Tag(0x1000_0123)) == "HuffmanTableTriplet")
        #expect(DataDictionary.keyword(for: Tag(0x0028_0410)) == "RowsForNthOrderCoefficients")
        // Odd groups are private, even in the overlay range.
        #expect(DataDictionary.entry(for: Tag(0x6001_3000)) == nil)
        // A fixed entry wins over a pattern: (7FE0,0010) is Pixel Data, not Variable Pixel Data.
        #expect(DataDictionary.keyword(for: .pixelData) == "PixelData")
        #expect(DataDictionary.entry(forKeyword: "OverlayData") == overlayData)
    }

    @Test func retiredEntry() throws {
        let entry = try #require(DataDictionary.entry(for: Tag(0x0008_0040)))
        #expect(entry.keyword == "DataSetType")
        #expect(entry.isRetired)
        #expect(Tag.dataSetType == entry.tag)
        // A retired element that PS3.6 no longer names.
        let blank = try #require(DataDictionary.entry(for: Tag(0x0018_0061)))
        #expect(blank.isRetired && blank.keyword.isEmpty)
        #expect(DataDictionary.keyword(for: Tag(0x0018_0061)) == nil)
    }

    @Test func keywordRoundTrip() throws {
        for entry in DataDictionary.allEntries where !entry.keyword.isEmpty {
            #expect(DataDictionary.entry(forKeyword: entry.keyword) == entry)
            if entry.pattern == nil {
                #expect(DataDictionary.keyword(for: entry.tag) == entry.keyword)
            }
        }
        #expect(DataDictionary.entry(forKeyword: "PatientID")?.tag == .patientID)
        #expect(DataDictionary.entry(forKeyword: "NoSuchKeyword") == nil)
    }

    @Test func privateTags() throws {
        let creator = try #require(DataDictionary.entry(for: Tag(0x0029_0010)))
        #expect(creator.vrs == [.LO])
        #expect(creator.keyword == "PrivateCreator")
        #expect(creator.tag == Tag(0x0029_0010))
        #expect(DataDictionary.defaultVR(for: Tag(0x0009_00FF)) == .LO)
        #expect(DataDictionary.entry(for: Tag(0x0029_1010)) == nil)
        #expect(DataDictionary.defaultVR(for: Tag(0x0029_1010)) == nil)
        #expect(DataDictionary.entry(for: Tag(0x0029_0001)) == nil)
    }

    @Test func groupLengths() {
        #expect(DataDictionary.keyword(for: Tag(0x0002_0000)) == "FileMetaInformationGroupLength")
        #expect(DataDictionary.keyword(for: Tag(0x0000_0000)) == "CommandGroupLength")
        #expect(DataDictionary.defaultVR(for: Tag(0x0008_0000)) == .UL)
        #expect(DataDictionary.keyword(for: Tag(0x0008_0000)) == nil)
        #expect(DataDictionary.defaultVR(for: Tag(0x0029_0000)) == .UL)
        // (1010,0000) is a group length, not Zonal Map (1010,xxxx).
        #expect(DataDictionary.defaultVR(for: Tag(0x1010_0000)) == .UL)
        #expect(DataDictionary.keyword(for: Tag(0x1010_0004)) == "ZonalMap")
    }

    @Test func delimitersHaveNoVR() {
        #expect(DataDictionary.keyword(for: .item) == "Item")
        #expect(DataDictionary.entry(for: .sequenceDelimitationItem)?.vrs == [])
        #expect(DataDictionary.defaultVR(for: .itemDelimitationItem) == nil)
    }

    @Test func unknownPublicTag() {
        #expect(DataDictionary.entry(for: Tag(0x0008_0002)) == nil)
        #expect(DataDictionary.defaultVR(for: Tag(0x0010_9999)) == nil)
    }

    @Test func counts() {
        let entries = DataDictionary.allEntries
        #expect(entries.count > 4000)
        #expect(entries.filter { $0.pattern != nil }.count > 50)
        #expect(entries.filter(\.isRetired).count > 300)
    }

    @Test func parseCost() {
        // Printed, not asserted: the one-time cost of parsing the generated tables, and of look-ups.
        let clock = ContinuousClock()
        var tables: DataDictionary.Tables?
        let parse = clock.measure { tables = DataDictionary.parse() }
        _ = DataDictionary.entry(for: .patientName)
        var found = 0
        let lookups = clock.measure {
            for element in UInt16(0)..<10_000 where DataDictionary.defaultVR(for: Tag(group: 0x0018, element: element)) != nil {
                found += 1
            }
        }
        print("DataDictionary: parsing \(tables?.all.count ?? 0) entries took \(parse); 10,000 defaultVR(for:) look-ups took \(lookups)")
    }
}
