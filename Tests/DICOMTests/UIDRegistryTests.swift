import Testing

@testable import DICOM

@Suite struct UIDRegistryTests {
    @Test func transferSyntax() throws {
        let entry = try #require(UIDRegistry.entry(for: "1.2.840.10008.1.2.1"))
        #expect(entry.name == "Explicit VR Little Endian")
        #expect(entry.type == "Transfer Syntax")
        #expect(entry.keyword == "ExplicitVRLittleEndian")
        #expect(!entry.isRetired)
        #expect(UIDRegistry.name(for: "1.2.840.10008.1.2") == "Implicit VR Little Endian")
    }

    @Test func sopClass() throws {
        let entry = try #require(UIDRegistry.entry(for: "1.2.840.10008.5.1.4.1.1.2"))
        #expect(entry.name == "CT Image Storage")
        #expect(entry.type == "SOP Class")
        #expect(UIDRegistry.entry(forKeyword: "CTImageStorage") == entry)
        #expect(UIDRegistry.name(for: "1.2.840.10008.5.1.4.1.1.4") == "MR Image Storage")
    }

    @Test func retired() throws {
        let entry = try #require(UIDRegistry.entry(for: "1.2.840.10008.1.2.2"))
        #expect(entry.name == "Explicit VR Big Endian")
        #expect(entry.isRetired)
    }

    @Test func unknown() {
        #expect(UIDRegistry.entry(for: "1.2.3.4") == nil)
        #expect(UIDRegistry.name(for: "") == nil)
        // Padding is the caller's to strip.
        #expect(UIDRegistry.entry(for: "1.2.840.10008.1.2.1\0") == nil)
    }

    @Test func everyEntryIsFoundAgain() {
        let entries = UIDRegistry.allEntries
        #expect(entries.count > 400)
        #expect(Set(entries.map(\.uid)).count == entries.count)
        for entry in entries {
            #expect(UIDRegistry.entry(for: entry.uid) == entry)
        }
    }

    @Test func parseCost() {
        // Printed, not asserted.
        var tables: UIDRegistry.Tables?
        let parse = ContinuousClock().measure { tables = UIDRegistry.parse() }
        print("UIDRegistry: parsing \(tables?.all.count ?? 0) UIDs took \(parse)")
    }
}
