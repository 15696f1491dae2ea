import DICOM
import Testing
import XNATImport

@Suite struct FileNameTemplateTests {
    static let studyUID = "1.3.12.2.1107.5.2.32.35177.30000006121218324675000000034"

    static func object(instanceNumber: String?, sopInstanceUID: String) -> DataSet {
        var values: [Tag: String] = [
            .studyInstanceUID: studyUID, .seriesNumber: "4", .sopClassUID: RoutingFixtures.mrImageStorage,
            .sopInstanceUID: sopInstanceUID,
        ]
        values[.instanceNumber] = instanceNumber
        return RoutingFixtures.dataSet(values)
    }

    /// Full names from `xnat-import-spec.md` §7.2 (rest-tests `sample1.json`).
    @Test(arguments: [
        ("1", "1.3.12.2.1107.5.2.32.35177.3.2006121409365951632817982", "-4-1-1qs88hj.dcm"),
        ("11", "1.3.12.2.1107.5.2.32.35177.3.2006121409370018007818018", "-4-11-11qrks4.dcm"),
    ])
    func standardTemplate(instanceNumber: String, sopInstanceUID: String, suffix: String) {
        let name = FileNameTemplate.standard.fileName(
            for: Self.object(instanceNumber: instanceNumber, sopInstanceUID: sopInstanceUID)
        )
        #expect(name == Self.studyUID + suffix)
    }

    @Test func missingValuesGetAPlaceholder() {
        // Like rest-tests `sample1_no_instance_numbers.json`: `…-4-no-value-for-InstanceNumber-<hash>.dcm`.
        let uid = "1.3.12.2.1107.5.2.32.35177.3.2006121409365951632817982"
        let name = FileNameTemplate.standard.fileName(for: Self.object(instanceNumber: nil, sopInstanceUID: uid))
        #expect(name == Self.studyUID + "-4-no-value-for-InstanceNumber-1qs88hj.dcm")
        let blank = FileNameTemplate.standard.fileName(for: Self.object(instanceNumber: " ", sopInstanceUID: uid))
        #expect(blank == name)
    }

    @Test func placeholdersAreHashed() throws {
        let template = try FileNameTemplate("${HashSOPClassUIDWithPatientID}")
        let dataSet = RoutingFixtures.dataSet([.sopClassUID: "1.2"])
        #expect(
            template.fileName(for: dataSet) == JavaHash.base36(JavaHash.hash(["1.2", "no-value-for-PatientID"]))
                + ".dcm"
        )
    }

    @Test(arguments: [
        ("${SOPInstanceUID}", "${SOPInstanceUID}.dcm"),
        ("${SOPInstanceUID}.DCM", "${SOPInstanceUID}.DCM"),
        ("${SOPInstanceUID}.ima", "${SOPInstanceUID}.ima"),
        ("${SOPInstanceUID}.${Modality}", "${SOPInstanceUID}.${Modality}.dcm"),
        ("x.d_m", "x.d_m.dcm"),
        ("x.", "x..dcm"),
    ])
    func extensionIsAddedWhenMissing(template: String, expected: String) throws {
        #expect(try FileNameTemplate(template).template == expected)
    }

    @Test func leadingDotsAreStrippedAndValuesMadeSafe() throws {
        let dataSet = RoutingFixtures.dataSet([.modality: "MR", .patientName: "Doe^John/../x"])
        #expect(try FileNameTemplate("...${Modality}").fileName(for: dataSet) == "MR.dcm")
        #expect(try FileNameTemplate("${PatientName}").fileName(for: dataSet) == "Doe_John_.._x.dcm")
    }

    @Test func literalTextAndEscapes() throws {
        let dataSet = RoutingFixtures.dataSet([.modality: "CT"])
        #expect(
            try FileNameTemplate("scan-${Modality}-$${Modality}").fileName(for: dataSet) == "scan-CT-__Modality_.dcm"
        )
        #expect(try FileNameTemplate("${not-a-var}").fileName(for: dataSet) == "__not-a-var_.dcm")
    }

    @Test func rejectsUnknownKeywordsAndShortHashes() {
        #expect(throws: FileNameTemplateError.unknownKeyword("NoSuchKeyword")) {
            try FileNameTemplate("${NoSuchKeyword}")
        }
        #expect(throws: FileNameTemplateError.unknownKeyword("Nope")) {
            try FileNameTemplate("${HashSOPClassUIDWithNope}")
        }
        #expect(throws: FileNameTemplateError.hashNeedsTwoAttributes("HashSOPClassUID")) {
            try FileNameTemplate("${HashSOPClassUID}")
        }
        #expect(throws: FileNameTemplateError.hashNeedsTwoAttributes("HashSOPClassUIDWith")) {
            try FileNameTemplate("${HashSOPClassUIDWith}")
        }
    }

    @Test func templatesThatAreNotUniqueRepeatNames() throws {
        // A template without per-instance values gives every file of a series the same name (XNAT "data loss").
        let template = try FileNameTemplate("${StudyInstanceUID}-${SeriesNumber}")
        let first = template.fileName(for: Self.object(instanceNumber: "1", sopInstanceUID: "1.1"))
        #expect(first == template.fileName(for: Self.object(instanceNumber: "2", sopInstanceUID: "1.2")))
    }
}
