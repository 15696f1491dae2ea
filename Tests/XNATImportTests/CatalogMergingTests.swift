import Testing
import XNATImport

@Suite struct CatalogMergingTests {
    typealias Entry = CatalogDocument.Entry

    static let existing = CatalogDocument(
        uid: "1.2",
        entries: [
            Entry(uri: "a.dcm", uid: "1.2.1", instanceNumber: 1, digest: "aa"),
            Entry(uri: "b.dcm", uid: "1.2.2", instanceNumber: 2, digest: "bb"),
        ]
    )

    @Test func newEntriesAreAppendedAndTheRestOfTheCatalogIsKept() throws {
        var current = Self.existing
        current.metaFields = [CatalogDocument.MetaField(name: "AUDIT", value: "1:x=Added:2")]
        let incoming = CatalogDocument(uid: "9.9", entries: [Entry(uri: "c.dcm", uid: "1.2.3", instanceNumber: 3)])
        let result = try current.merging(incoming)
        #expect(result.catalog.entries.map(\.uri) == ["a.dcm", "b.dcm", "c.dcm"])
        #expect(result.catalog.uid == "1.2")
        #expect(result.catalog.metaFields == current.metaFields)
        #expect(result.added == incoming.entries)
        #expect(result.replaced.isEmpty)
    }

    @Test func existingEntriesFailTheMergeWithoutOverwrite() {
        // xnat-import-spec.md §6.4: an entry the catalog already has is a 409 "Duplicate DICOM file uploaded."
        let incoming = CatalogDocument(entries: [
            Entry(uri: "renamed.dcm", uid: "1.2.2"),
            Entry(uri: "new.dcm", uid: "1.2.9"),
            Entry(uri: "a.dcm", uid: "1.2.1"),
        ])
        #expect(throws: CatalogDocument.MergeConflict(duplicates: [.uid("1.2.2"), .uid("1.2.1")])) {
            try Self.existing.merging(incoming)
        }
    }

    @Test func overwriteReplacesEntriesInPlaceAndReportsThem() throws {
        let replacement = Entry(uri: "b-renamed.dcm", uid: "1.2.2", instanceNumber: 2, digest: "b2")
        let incoming = CatalogDocument(entries: [replacement, Entry(uri: "d.dcm", uid: "1.2.4")])
        let result = try Self.existing.merging(incoming, options: CatalogDocument.MergeOptions(overwrite: true))
        #expect(result.catalog.entries.map(\.uri) == ["a.dcm", "b-renamed.dcm", "d.dcm"])
        #expect(
            result.replaced == [CatalogDocument.Replacement(previous: Self.existing.entries[1], current: replacement)]
        )
        #expect(result.added.map(\.uri) == ["d.dcm"])
    }

    @Test func entriesWithoutUIDsOrWithUIDIdentityOffMatchByURI() throws {
        #expect(CatalogDocument.identity(of: Entry(kind: .plain, uri: "x.txt")) == .uri("x.txt"))
        #expect(CatalogDocument.identity(of: Entry(uri: "x.dcm", uid: "")) == .uri("x.dcm"))
        #expect(CatalogDocument.identity(of: Entry(uri: "x.dcm", uid: "1.2")) == .uid("1.2"))
        let byURI = CatalogDocument.MergeOptions(identifiesBySOPInstanceUID: false)
        #expect(CatalogDocument.identity(of: Entry(uri: "x.dcm", uid: "1.2"), options: byURI) == .uri("x.dcm"))

        // Same file name, another SOP instance: a new entry by UID, a duplicate by URI.
        let incoming = CatalogDocument(entries: [Entry(uri: "a.dcm", uid: "7.7")])
        #expect(try Self.existing.merging(incoming).catalog.entries.count == 3)
        #expect(throws: CatalogDocument.MergeConflict(duplicates: [.uri("a.dcm")])) {
            try Self.existing.merging(incoming, options: byURI)
        }
    }

    @Test func repeatsWithinTheIncomingCatalogCountAsDuplicates() throws {
        let incoming = CatalogDocument(entries: [Entry(uri: "n1.dcm", uid: "5"), Entry(uri: "n2.dcm", uid: "5")])
        #expect(throws: CatalogDocument.MergeConflict(duplicates: [.uid("5")])) {
            try CatalogDocument().merging(incoming)
        }
        let overwritten = try CatalogDocument().merging(
            incoming,
            options: CatalogDocument.MergeOptions(overwrite: true)
        )
        #expect(overwritten.catalog.entries.map(\.uri) == ["n2.dcm"])
        #expect(overwritten.added.map(\.uri) == ["n1.dcm"])
        #expect(overwritten.replaced.map(\.current.uri) == ["n2.dcm"])
    }

    @Test func duplicateSOPInstanceUIDsAreListedOnce() {
        let catalog = CatalogDocument(entries: [
            Entry(uri: "1", uid: "A"), Entry(uri: "2", uid: "B"), Entry(uri: "3", uid: "A"),
            Entry(uri: "4", uid: "A"), Entry(uri: "5", uid: ""), Entry(uri: "6", uid: ""), Entry(uri: "7", uid: "B"),
        ])
        #expect(catalog.duplicateSOPInstanceUIDs == ["A", "B"])
        #expect(Self.existing.duplicateSOPInstanceUIDs.isEmpty)
    }
}
