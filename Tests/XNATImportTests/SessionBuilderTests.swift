import DICOM
import Foundation
import TestSupport
import Testing
import XNATImport

/// The pure session build (`xnat-import-spec.md` §5.2–§5.4): fields, types, scan IDs, resources and moves.
@Suite struct SessionBuilderTests {
    static let study = "1.2.826.0.1.3680043.8.498.1"
    static let mr = RoutingFixtures.mrImageStorage

    /// A file of the study at `path`.
    static func file(
        _ path: String,
        series: String,
        number: String,
        instance: String,
        instanceNumber: String = "1",
        sopClass: String = mr,
        modality: String = "MR",
        study: String = study,
        values: [Tag: String] = [:],
        size: Int64 = 100
    ) -> SessionFile {
        let builder = DICOMFileBuilder.seriesInstance(
            studyUID: study,
            seriesUID: series,
            seriesNumber: number,
            instanceUID: instance,
            instanceNumber: instanceNumber,
            sopClassUID: sopClass,
            modality: modality,
            values: values
        )
        return SessionFile(relativePath: path, header: builder.dataSet, size: size, md5: "md5-of-" + instance)
    }

    static func plan(
        _ files: [SessionFile],
        _ constants: SessionBuildConstants = SessionBuildConstants(project: "P", label: "S1"),
        occupied: Set<String> = []
    ) throws -> SessionBuildPlan {
        try SessionBuilder.plan(files: files, constants: constants, occupiedPaths: occupied)
    }

    // MARK: - Session

    @Test func mrSessionFieldsComeFromTheStudyAndTheConstants() throws {
        let shared: [Tag: String] = [
            .institutionName: "General Hospital", .studyComments: "Project: X", .operatorsName: "Tech^One",
            .accessionNumber: "ACC1", .studyID: "42", .patientBirthDate: "19700102", .patientWeight: "70.5",
            .manufacturer: "SIEMENS", .manufacturerModelName: "Prisma", .magneticFieldStrength: "3",
        ]
        var first = shared
        first[.stationName] = "MRC2"
        var second = shared
        second[.stationName] = "MRC1"
        let files = [
            Self.file("SCANS/3/DICOM/a.dcm", series: "1.1", number: "3", instance: "1.1.1", values: first),
            Self.file("SCANS/3/DICOM/b.dcm", series: "1.1", number: "3", instance: "1.1.2", values: second),
        ]
        let constants = SessionBuildConstants(
            project: "P",
            label: "S1",
            subjectID: "SUBJ",
            visit: "V1",
            protocolName: "PROT",
            prearchivePath: "/data/prearchive/P/20240101_120000123/S1"
        )
        let document = try Self.plan(files, constants).document
        #expect(document.dataType == .mr)
        #expect(document.project == "P")
        #expect(document.label == "S1")
        #expect(document.subjectID == "SUBJ")
        #expect(document.visit == "V1")
        #expect(document.protocolName == "PROT")
        #expect(document.prearchivePath == "/data/prearchive/P/20240101_120000123/S1")
        #expect(document.uid == Self.study)
        #expect(document.date == "2024-03-01")
        #expect(document.time == "14:03:59")
        #expect(document.acquisitionSite == "General Hospital")
        #expect(document.fields == [NamedValue(name: "studyComments", value: "Project: X")])
        #expect(document.sessionType == "Brain^Routine")
        #expect(document.modality == "MR")
        #expect(
            document.scanner == SessionDocument.Scanner(name: "MRC1,MRC2", manufacturer: "SIEMENS", model: "Prisma")
        )
        #expect(document.operatorName == "Tech^One")
        #expect(document.dicomAccessionNumber == "ACC1")
        #expect(document.studyID == "42")
        #expect(document.dicomPatientID == "P001")
        #expect(document.dicomPatientName == "Doe^John")
        #expect(document.dicomPatientBirthDate == "1970-01-02")
        #expect(document.dicomPatientWeight == "70.5")
        #expect(document.fieldStrength == "3")
    }

    @Test func conflictingValuesAreLeftEmptyWithAWarning() throws {
        let files = [
            Self.file(
                "SCANS/3/DICOM/a.dcm",
                series: "1.1",
                number: "3",
                instance: "1.1.1",
                values: [.institutionName: "B Site"]
            ),
            Self.file(
                "SCANS/3/DICOM/b.dcm",
                series: "1.1",
                number: "3",
                instance: "1.1.2",
                values: [.institutionName: "A Site"]
            ),
        ]
        let plan = try Self.plan(files)
        #expect(plan.document.acquisitionSite == nil)
        #expect(plan.warnings == ["session: acquisition_site has 2 values (A Site, B Site); left empty"])
    }

    @Test func unassignedSessionsHaveNoProject() throws {
        let files = [Self.file("SCANS/3/DICOM/a.dcm", series: "1.1", number: "3", instance: "1.1.1")]
        for project in [nil, "Unassigned"] as [String?] {
            let document = try Self.plan(files, SessionBuildConstants(project: project, label: "S1")).document
            #expect(document.project == nil)
            #expect(!document.xml().contains("project="))
        }
    }

    @Test func sessionTypes() throws {
        let pet = RoutingFixtures.petImageStorage
        let ct = RoutingFixtures.ctImageStorage
        let petCT = [
            Self.file("SCANS/1/DICOM/a", series: "1.1", number: "1", instance: "1.1.1", sopClass: pet, modality: "PT"),
            Self.file("SCANS/2/DICOM/b", series: "1.2", number: "2", instance: "1.2.1", sopClass: ct, modality: "CT"),
        ]
        let petCTDocument = try Self.plan(petCT).document
        #expect(petCTDocument.dataType == .pet)
        #expect(petCTDocument.modality == "PT")
        #expect(petCTDocument.scans.map(\.dataType) == [.pet, .ct])

        let sc = RoutingFixtures.secondaryCaptureStorage
        let scWithCT = [
            Self.file("SCANS/1/DICOM/a", series: "1.1", number: "1", instance: "1.1.1", sopClass: sc, modality: "CT")
        ]
        let scDocument = try Self.plan(scWithCT).document
        #expect(scDocument.dataType == .ct)
        #expect(scDocument.scans.map(\.dataType) == [.sc])

        let scOnly = [
            Self.file("SCANS/1/DICOM/a", series: "1.1", number: "1", instance: "1.1.1", sopClass: sc, modality: "SC")
        ]
        #expect(try Self.plan(scOnly).document.dataType == .otherDICOM)

        let petMR = [
            Self.file("SCANS/1/DICOM/a", series: "1.1", number: "1", instance: "1.1.1", sopClass: pet, modality: "PT"),
            Self.file("SCANS/2/DICOM/b", series: "1.2", number: "2", instance: "1.2.1"),
        ]
        #expect(try Self.plan(petMR).document.dataType == .petMR)
        let asPET = SessionBuildConstants(label: "Sub_PETMR_1", petMRHandling: .pet)
        let petDocument = try Self.plan(petMR, asPET).document
        #expect(petDocument.dataType == .pet)
        #expect(petDocument.label == "Sub_PET_1")
    }

    @Test func everyKindHasADocumentType() {
        for kind in SessionKind.allCases {
            #expect(kind.dataType?.rawValue == kind.rawValue)
        }
        for kind in ScanKind.allCases {
            #expect(kind.dataType?.rawValue == kind.rawValue)
        }
    }

    // MARK: - Errors

    @Test func twoStudiesFail() throws {
        let files = [
            Self.file("SCANS/1/DICOM/a", series: "1.1", number: "1", instance: "1.1.1", study: "1.2.4"),
            Self.file("SCANS/1/DICOM/b", series: "1.1", number: "1", instance: "1.1.2", study: "1.2.3"),
        ]
        let error = #expect(throws: SessionBuildError.self) { try Self.plan(files) }
        #expect(error == .multipleStudies(["1.2.3", "1.2.4"]))
        #expect(
            error?.description
                == "The session folder holds 2 studies (1.2.3, 1.2.4); a prearchive session must hold one"
        )
    }

    @Test func noFilesAndUnknownTypesFail() throws {
        #expect(throws: SessionBuildError.noFiles) { try Self.plan([]) }
        let odd = [
            Self.file(
                "SCANS/1/secondary/a",
                series: "1.1",
                number: "1",
                instance: "1.1.1",
                sopClass: "1.2.3.4.5",
                modality: "ZZ"
            )
        ]
        let error = #expect(throws: SessionBuildError.self) { try Self.plan(odd) }
        #expect(error == .unknownSessionType(sopClassUIDs: ["1.2.3.4.5"], modalities: ["ZZ"]))
    }
}

// MARK: - Scans, resources and moves

extension SessionBuilderTests {
    @Test func scanFieldsAndOrder() throws {
        let values: [Tag: String] = [
            .seriesDescription: "t1_mprage", .seriesDate: "20240301", .seriesTime: "141500",
            .protocolName: "T1", .bodyPartExamined: "HEAD", .stationName: "MRC1", .repetitionTime: "2300",
            .pixelSpacing: "0.9\\0.8", .sliceThickness: "1", .imageOrientationPatient: "0\\1\\0\\0\\0\\-1",
        ]
        let files = [
            Self.file("SCANS/10/DICOM/a", series: "1.10", number: "10", instance: "1.10.1"),
            Self.file("SCANS/2/DICOM/a", series: "1.2", number: "2", instance: "1.2.1", values: values),
            Self.file(
                "SCANS/2/DICOM/b",
                series: "1.2",
                number: "2",
                instance: "1.2.2",
                values: values.merging([.bodyPartExamined: "BRAIN"]) { $1 }
            ),
        ]
        let plan = try Self.plan(files)
        #expect(plan.document.scans.map(\.id) == ["2", "10"])
        let scan = try #require(plan.document.scans.first)
        #expect(scan.uid == "1.2")
        #expect(scan.dataType == .mr)
        #expect(scan.seriesDescription == "t1_mprage")
        #expect(scan.modality == "MR")
        #expect(scan.startDate == "2024-03-01")
        #expect(scan.startTime == "14:15:00")
        #expect(scan.protocolName == "T1")
        #expect(scan.scanner?.name == "MRC1")
        #expect(scan.bodyPartExamined == nil)
        #expect(scan.frames == 2)
        #expect(scan.parameters?.repetitionTime == "2300")
        #expect(scan.parameters?.voxelResolution == VoxelResolution(x: "0.8", y: "0.9", z: "1"))
        #expect(scan.parameters?.orientation == "Sag")
        #expect(plan.warnings == ["scan 2: bodyPartExamined has 2 values (BRAIN, HEAD); left empty"])
        #expect(plan.moves.isEmpty)
    }

    @Test func sharedSeriesNumbersGetModalityIDsAndMoveTheirFiles() throws {
        let files = [
            Self.file("SCANS/5/DICOM/a.dcm", series: "1.5.1", number: "5", instance: "1.5.1.1"),
            Self.file("SCANS/5/DICOM/b.dcm", series: "1.5.2", number: "5", instance: "1.5.2.1"),
            Self.file("SCANS/5/DICOM/c.dcm", series: "1.5.1", number: "5", instance: "1.5.1.2"),
            // Already where it belongs, and holding the name a.dcm there.
            Self.file("SCANS/5-MR1/DICOM/a.dcm", series: "1.5.1", number: "5", instance: "1.5.1.3"),
        ]
        let plan = try Self.plan(files, occupied: ["SCANS/5-MR2/DICOM/b.dcm"])
        #expect(plan.document.scans.map(\.id) == ["5-MR1", "5-MR2"])
        #expect(plan.document.scans.map(\.uid) == ["1.5.1", "1.5.2"])
        #expect(
            Set(plan.moves) == [
                SessionBuildPlan.Move(from: "SCANS/5/DICOM/a.dcm", to: "SCANS/5-MR1/DICOM/a_1.dcm"),
                SessionBuildPlan.Move(from: "SCANS/5/DICOM/c.dcm", to: "SCANS/5-MR1/DICOM/c.dcm"),
                SessionBuildPlan.Move(from: "SCANS/5/DICOM/b.dcm", to: "SCANS/5-MR2/DICOM/b_1.dcm"),
            ]
        )
        #expect(
            plan.catalogs.map(\.relativePath) == [
                "SCANS/5-MR1/DICOM/scan_5-MR1_catalog.xml", "SCANS/5-MR2/DICOM/scan_5-MR2_catalog.xml",
            ]
        )
        #expect(Set(plan.catalogs[0].catalog.entries.map(\.uri)) == ["a.dcm", "a_1.dcm", "c.dcm"])
        #expect(plan.document.scans[0].resources.map(\.uri) == ["SCANS/5-MR1/DICOM/scan_5-MR1_catalog.xml"])
    }

    @Test func nonImageSOPClassesGoToTheSecondaryResource() throws {
        let rt = RoutingFixtures.rtStructureSetStorage
        let files = [
            Self.file(
                "SCANS/4/DICOM/1.dcm",
                series: "1.4",
                number: "4",
                instance: "1.4.1",
                instanceNumber: "2",
                values: [.numberOfFrames: "3"]
            ),
            Self.file(
                "SCANS/4/DICOM/2.dcm",
                series: "1.4",
                number: "4",
                instance: "1.4.2",
                instanceNumber: "1",
                size: 50
            ),
            Self.file(
                "SCANS/4/DICOM/rt.dcm",
                series: "1.4",
                number: "4",
                instance: "1.4.3",
                sopClass: rt,
                modality: "RTSTRUCT",
                size: 7
            ),
        ]
        let plan = try Self.plan(files)
        #expect(plan.moves == [SessionBuildPlan.Move(from: "SCANS/4/DICOM/rt.dcm", to: "SCANS/4/secondary/rt.dcm")])
        let scan = try #require(plan.document.scans.first)
        #expect(plan.document.scans.count == 1)
        #expect(scan.dataType == .mr)
        #expect(scan.modality == "MR")
        #expect(scan.frames == 4)
        #expect(
            scan.resources == [
                .dicomCatalog(.primary, uri: "SCANS/4/DICOM/scan_4_catalog.xml", fileCount: 2, fileSize: 150),
                .dicomCatalog(
                    .secondary,
                    uri: "SCANS/4/secondary/scan_4_secondary_catalog.xml",
                    fileCount: 1,
                    fileSize: 7
                ),
            ]
        )
        #expect(scan.resources.map(\.content) == ["RAW", "secondary"])

        let primary = try #require(plan.catalogs.first?.catalog)
        #expect(primary.kind == .dicom)
        #expect(primary.uid == "1.4")
        #expect(primary.entries.map(\.uri) == ["2.dcm", "1.dcm"])
        #expect(primary.entries.map(\.instanceNumber) == [1, 2])
        #expect(primary.entries.map(\.uid) == ["1.4.2", "1.4.1"])
        #expect(primary.entries.map(\.digest) == ["md5-of-1.4.2", "md5-of-1.4.1"])
        #expect(primary.entries.map(\.id) == ["2.dcm", "1.dcm"])
        #expect(primary.entries.map(\.format) == ["DICOM", "DICOM"])
        #expect(primary.entries.map(\.sizeInBytes) == [50, 100])
        #expect(primary.dimensions == CatalogDocument.Dimensions(x: 2, y: 2, z: 4))

        let secondary = try #require(plan.catalogs.last?.catalog)
        #expect(secondary.uid == "1.4")
        #expect(secondary.entries.map(\.uri) == ["rt.dcm"])
        #expect(secondary.entries.map(\.instanceNumber) == [nil])
        #expect(secondary.dimensions == nil)

        var together = SessionBuildConstants(label: "S1")
        together.separatingSecondary = false
        let unsplit = try Self.plan(files, together)
        #expect(unsplit.moves.isEmpty)
        #expect(unsplit.document.scans.first?.resources.map(\.label) == ["DICOM"])
        #expect(unsplit.document.scans.first?.frames == 5)
    }

    @Test func aSeriesOfOnlySecondaryFilesHasOnlyASecondaryResource() throws {
        let files = [
            Self.file("SCANS/1/DICOM/a", series: "1.1", number: "1", instance: "1.1.1"),
            Self.file(
                "SCANS/2/DICOM/b",
                series: "1.2",
                number: "2",
                instance: "1.2.1",
                sopClass: "1.3.12.2.1107.5.9.1",
                modality: "MR"
            ),
        ]
        let plan = try Self.plan(files)
        let scan = try #require(plan.document.scans.last)
        #expect(scan.id == "2")
        #expect(scan.dataType == .otherDICOM)
        #expect(scan.frames == nil)
        #expect(scan.resources.map(\.label) == ["secondary"])
        #expect(plan.moves == [SessionBuildPlan.Move(from: "SCANS/2/DICOM/b", to: "SCANS/2/secondary/b")])
    }

    @Test func repeatedSOPInstanceUIDsKeepTheFirstFile() throws {
        let files = [
            Self.file("SCANS/3/DICOM/b.dcm", series: "1.1", number: "3", instance: "1.1.1"),
            Self.file("SCANS/3/DICOM/a.dcm", series: "1.1", number: "3", instance: "1.1.1"),
            Self.file("SCANS/3/DICOM/c.dcm", series: "1.1", number: "3", instance: "1.1.2"),
        ]
        let plan = try Self.plan(files)
        #expect(plan.duplicates == ["SCANS/3/DICOM/b.dcm"])
        #expect(plan.catalogs.first?.catalog.entries.map(\.uri) == ["a.dcm", "c.dcm"])
        #expect(plan.document.scans.first?.frames == 2)
        #expect(
            plan.warnings == [
                "SCANS/3/DICOM/b.dcm: same SOPInstanceUID (1.1.1) as SCANS/3/DICOM/a.dcm; the duplicate is deleted"
            ]
        )
    }

    @Test func uniqueNamesPutTheCounterBeforeTheExtension() {
        let taken: Set<String> = ["F/a.dcm", "F/a_1.dcm", "F/b", "F/x.y.dcm"]
        #expect(SessionBuilder.uniqueName("a.dcm", in: "F", avoiding: taken) == "a_2.dcm")
        #expect(SessionBuilder.uniqueName("b", in: "F", avoiding: taken) == "b_1")
        #expect(SessionBuilder.uniqueName("x.y.dcm", in: "F", avoiding: taken) == "x.y_1.dcm")
        #expect(SessionBuilder.uniqueName("c.dcm", in: "F", avoiding: taken) == "c.dcm")
    }
}
