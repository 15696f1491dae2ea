import Foundation
import Testing
import XNATImport

@Suite struct CatalogDocumentTests {
    static let namespaces = SessionDocumentTests.namespaces

    @Test func writesAPrearchiveCatalogTheWayTheSessionBuilderDoes() {
        // The builder's catalog: the series UID on the root, one cat:dcmEntry per file with its URI (relative to
        // the catalog's folder), SOPInstanceUID and instance number, then the image dimensions.
        var catalog = CatalogDocument(
            uid: "1.2.3.4.5",
            entries: [
                CatalogDocument.Entry(uri: "1.MR.1.dcm", uid: "1.2.3.4.5.1", instanceNumber: 1),
                CatalogDocument.Entry(uri: "1.MR.2.dcm", uid: "1.2.3.4.5.2", instanceNumber: 2),
            ]
        )
        catalog.dimensions = CatalogDocument.Dimensions(x: 256, y: 256, z: 2)
        catalog.voxelResolution = VoxelResolution(x: "1.0", y: "1.0", z: "1.2", units: "mm")
        catalog.orientation = "Sag"
        let expected = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<cat:DCMCatalog UID="1.2.3.4.5" "# + Self.namespaces + ">",
            #"\#t<cat:entries>"#,
            #"\#t\#t<cat:entry UID="1.2.3.4.5.1" URI="1.MR.1.dcm" instanceNumber="1" xsi:type="cat:dcmEntry"/>"#,
            #"\#t\#t<cat:entry UID="1.2.3.4.5.2" URI="1.MR.2.dcm" instanceNumber="2" xsi:type="cat:dcmEntry"/>"#,
            #"\#t</cat:entries>"#,
            #"\#t<cat:dimensions x="256" y="256" z="2"/>"#,
            #"\#t<cat:voxelRes units="mm" x="1.0" y="1.0" z="1.2"/>"#,
            #"\#t<cat:orientation>Sag</cat:orientation>"#,
            #"</cat:DCMCatalog>"#,
        ].joined(separator: "\n")
        #expect(catalog.xml() == expected)
        #expect(catalog.xmlData() == Data(expected.utf8))
    }

    /// An archived catalog in the shape of xnat-web's `src/test/resources/catalogs/scan_4_catalog.xml` (values
    /// are made up): flat indentation, an AUDIT meta field, entries with ID, creation details, MD5 digest,
    /// format and a `size_in_bytes` meta field.
    static let archivedCatalog = [
        #"<?xml version="1.0" encoding="UTF-8"?>"#,
        #"<cat:DCMCatalog UID="1.2.840.9" "# + namespaces + ">",
        #"<cat:metaFields>"#,
        #"\#t<cat:metaField name="AUDIT">14:Wed Jan 09 18:05:57 GMT 2019=Added:2</cat:metaField>"#,
        #"</cat:metaFields>"#,
        #"<cat:entries>"#,
        #"\#t<cat:entry ID="A.MR.1.dcm" UID="1.2.840.9.1" URI="A.MR.1.dcm" createdBy="admin" createdEventId="14" "#
            + #"createdTime="2019-01-09T18:05:57.343" digest="4dcb184fe566523b94bee851e18f02ba" format="DICOM" "#
            + #"instanceNumber="53" name="A.MR.1.dcm" xsi:type="cat:dcmEntry">"#,
        #"\#t\#t<cat:metaFields>"#,
        #"\#t\#t\#t<cat:metaField name="size_in_bytes">192046</cat:metaField>"#,
        #"\#t\#t</cat:metaFields>"#,
        #"\#t</cat:entry>"#,
        #"\#t<cat:entry ID="A.MR.2.dcm" UID="1.2.840.9.2" URI="A.MR.2.dcm" createdBy="admin" createdEventId="14" "#
            + #"createdTime="2019-01-09T18:05:57.343" digest="281bc65bcfd34b3e6fd7293dd68701cd" format="DICOM" "#
            + #"instanceNumber="135" xsi:type="cat:dcmEntry"/>"#,
        #"</cat:entries>"#,
        #"</cat:DCMCatalog>"#,
    ].joined(separator: "\n")

    @Test func readsAnArchivedXNATCatalogAndWritesItBackByteForByte() throws {
        let catalog = try CatalogDocument(xml: Self.archivedCatalog)
        #expect(catalog.kind == .dicom)
        #expect(catalog.uid == "1.2.840.9")
        #expect(
            catalog.metaFields == [
                CatalogDocument.MetaField(name: "AUDIT", value: "14:Wed Jan 09 18:05:57 GMT 2019=Added:2")
            ]
        )
        #expect(catalog.entries.count == 2)
        let entry = catalog.entries[0]
        #expect(entry.kind == .dicom)
        #expect(entry.uri == "A.MR.1.dcm")
        #expect(entry.id == "A.MR.1.dcm")
        #expect(entry.name == "A.MR.1.dcm")
        #expect(entry.uid == "1.2.840.9.1")
        #expect(entry.instanceNumber == 53)
        #expect(entry.digest == "4dcb184fe566523b94bee851e18f02ba")
        #expect(entry.format == "DICOM")
        #expect(entry.createdBy == "admin")
        #expect(entry.createdEventID == "14")
        #expect(entry.createdTime == "2019-01-09T18:05:57.343")
        #expect(entry.sizeInBytes == 192_046)
        #expect(catalog.entries[1].sizeInBytes == nil)
        #expect(catalog.xml(indentation: .flat) == Self.archivedCatalog)
    }

    @Test func roundTripsEveryModelledField() throws {
        var entry = CatalogDocument.Entry(uri: "f.dcm", uid: "1.2.3", instanceNumber: -1, digest: "00ff")
        entry.id = "f.dcm"
        entry.name = "f"
        entry.description = "d"
        entry.format = "DICOM"
        entry.content = "RAW"
        entry.cachePath = "/cache/f.dcm"
        entry.createdTime = "2024-01-02T09:30:00.000"
        entry.createdBy = "admin"
        entry.createdEventID = "7"
        entry.modifiedTime = "2024-01-03T09:30:00.000"
        entry.modifiedBy = "other"
        entry.modifiedEventID = "8"
        entry.sizeInBytes = 1_234
        var catalog = CatalogDocument(uid: "1.2", entries: [entry])
        catalog.id = "scan_4"
        catalog.name = "DICOM"
        catalog.description = "catalog"
        catalog.metaFields = [CatalogDocument.MetaField(name: "PROJECT", value: "P")]
        catalog.dimensions = CatalogDocument.Dimensions(x: 1, y: 2, z: 3, volumes: 4)
        catalog.voxelResolution = VoxelResolution(x: "0.5")
        catalog.orientation = "Tra"
        #expect(try CatalogDocument(xml: catalog.xml()) == catalog)
        #expect(try CatalogDocument(xml: catalog.xml(indentation: .flat)) == catalog)
    }

    @Test func plainCatalogsHavePlainEntriesWithoutSchemaType() throws {
        var catalog = CatalogDocument(kind: .plain, entries: [CatalogDocument.Entry(kind: .plain, uri: "notes.txt")])
        catalog.uid = "ignored for plain catalogs"
        let xml = catalog.xml()
        #expect(xml.contains("\n<cat:Catalog xmlns:arc="))
        #expect(xml.contains("\t\t<cat:entry URI=\"notes.txt\"/>"))
        #expect(!xml.contains("UID="))
        catalog.uid = nil
        #expect(try CatalogDocument(xml: xml) == catalog)
    }

    @Test func refusesUnknownEntryTypesAndMissingURIs() {
        let wrapper = { (entry: String) in
            """
            <cat:DCMCatalog xmlns:cat="http://nrg.wustl.edu/catalog" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><cat:entries>\(entry)</cat:entries></cat:DCMCatalog>
            """
        }
        #expect(throws: XMLDocumentError(.unsupportedType(element: "entry", type: "cat:zipEntry"))) {
            try CatalogDocument(xml: wrapper(#"<cat:entry URI="a" xsi:type="cat:zipEntry"/>"#))
        }
        #expect(throws: XMLDocumentError(.missingAttribute(element: "entry", attribute: "URI"))) {
            try CatalogDocument(xml: wrapper(#"<cat:entry UID="1" xsi:type="cat:dcmEntry"/>"#))
        }
        #expect(throws: XMLDocumentError(.invalidValue(element: "entry/@instanceNumber", value: "x"))) {
            try CatalogDocument(xml: wrapper(#"<cat:entry URI="a" instanceNumber="x" xsi:type="cat:dcmEntry"/>"#))
        }
        #expect(throws: XMLDocumentError(.unexpectedRoot(namespace: "http://nrg.wustl.edu/xnat", name: "MRSession"))) {
            try CatalogDocument(xml: #"<xnat:MRSession xmlns:xnat="http://nrg.wustl.edu/xnat"/>"#)
        }
    }
}
