import DICOM
import Testing
import XNATImport

@Suite struct SessionIdentifierTests {
    /// The projects that exist, by ID and alias.
    let projects = ["P1": "P1", "P2": "P2", "alias-of-p2": "P2", "PROJ1": "PROJ1", "StudyProj": "StudyProj"]

    func resolve(_ candidate: ProjectCandidate) -> String? { projects[candidate.value] }

    let sample = RoutingFixtures.dataSet([.patientName: "Sample Patient", .patientID: "Sample ID"])

    @Test func headerDefaults() {
        // rest-tests TestImportCompartmentalization: subject `Sample_Patient`, session `Sample_ID`.
        let identity = SessionIdentifier().identify(sample, explicit: ExplicitRouting(), resolveProject: resolve)
        #expect(
            identity
                == SessionIdentity(
                    project: nil,
                    subject: "Sample_Patient",
                    sessionLabel: "Sample_ID",
                    prearchiveFolder: "Sample_ID"
                )
        )
    }

    @Test func emptyHeadersFallBackToDicomUpload() {
        let identity = SessionIdentifier().identify(DataSet(), explicit: ExplicitRouting(), project: nil)
        #expect(identity.subject == nil)
        #expect(identity.sessionLabel == "dicom_upload")
        #expect(identity.prearchiveFolder == "dicom_upload")
    }

    @Test func projectCandidatesComeInSpecOrder() throws {
        let dataSet = RoutingFixtures.dataSet([
            .patientComments: "Project:FromPatient", .studyComments: "Project:FromStudy",
            .additionalPatientHistory: "Project:FromHistory", .studyDescription: "Desc", .accessionNumber: "Acc",
        ])
        let rules = RoutingRules(
            project: [try RoutingRule("(0008,1030):(.*)")],
            projectFallback: [try RoutingRule("(0008,0050):(A).*")]
        )
        let candidates = SessionIdentifier(rules: rules).projectCandidates(
            in: dataSet,
            explicit: ExplicitRouting(project: "Param")
        )
        #expect(
            candidates == [
                ProjectCandidate(value: "Param", source: .parameter),
                ProjectCandidate(value: "Desc", source: .routingRule),
                ProjectCandidate(value: "FromPatient", source: .containedAssignment(.patientComments)),
                ProjectCandidate(value: "FromStudy", source: .containedAssignment(.studyComments)),
                ProjectCandidate(value: "FromHistory", source: .containedAssignment(.additionalPatientHistory)),
                ProjectCandidate(value: "Desc", source: .studyDescription),
                ProjectCandidate(value: "Acc", source: .accessionNumber),
                ProjectCandidate(value: "A", source: .projectRulesFile),
            ]
        )
    }

    @Test func firstResolvableProjectWins() {
        let dataSet = RoutingFixtures.dataSet([
            .patientComments: "Project:Unknown", .studyComments: "Project:alias-of-p2", .studyDescription: "P1",
        ])
        let identifier = SessionIdentifier()
        // A parameter that names no project falls through to the headers silently (spec §14 quirk 7).
        let identity = identifier.identify(dataSet, explicit: ExplicitRouting(project: "Nope"), resolveProject: resolve)
        #expect(identity.project == "P2")
        #expect(
            identifier.identify(dataSet, explicit: ExplicitRouting(project: "P1"), resolveProject: resolve).project
                == "P1"
        )
    }

    @Test func studyDescriptionThenAccessionNumber() {
        let both = RoutingFixtures.dataSet([.studyDescription: "Not a project", .accessionNumber: "PROJ1"])
        #expect(
            SessionIdentifier().identify(both, explicit: ExplicitRouting(), resolveProject: resolve).project == "PROJ1"
        )
        let description = RoutingFixtures.dataSet([.studyDescription: " StudyProj ", .accessionNumber: "PROJ1"])
        #expect(
            SessionIdentifier().identify(description, explicit: ExplicitRouting(), resolveProject: resolve).project
                == "StudyProj"
        )
    }

    @Test func nothingResolvesMeansUnassigned() {
        let dataSet = RoutingFixtures.dataSet([.studyDescription: "Brain study", .patientComments: "AA:true"])
        let identity = SessionIdentifier().identify(dataSet, explicit: ExplicitRouting(), resolveProject: resolve)
        #expect(identity.project == nil)
        #expect(identity.autoArchive == nil)  // Unassigned never auto-archives
    }

    @Test func subjectPrecedence() throws {
        var values: [Tag: String] = [.patientName: "Doe^John", .additionalPatientHistory: "Subject:FromHistory"]
        let identifier = SessionIdentifier(rules: RoutingRules(subject: [try RoutingRule(#"(0010,0010):.*\^(\w+)"#)]))
        #expect(
            identifier.identify(
                RoutingFixtures.dataSet(values),
                explicit: ExplicitRouting(subject: "Given"),
                project: nil
            ).subject == "Given"
        )
        #expect(
            identifier.identify(RoutingFixtures.dataSet(values), explicit: ExplicitRouting(), project: nil).subject
                == "John"
        )
        #expect(
            SessionIdentifier().identify(RoutingFixtures.dataSet(values), explicit: ExplicitRouting(), project: nil)
                .subject == "FromHistory"
        )
        values[.additionalPatientHistory] = nil
        #expect(
            SessionIdentifier().identify(RoutingFixtures.dataSet(values), explicit: ExplicitRouting(), project: nil)
                .subject == "Doe_John"
        )
    }

    @Test func sessionPrecedence() throws {
        var values: [Tag: String] = [.patientID: "PID 7", .studyComments: "Session:FromComment"]
        let identifier = SessionIdentifier(rules: RoutingRules(session: [try RoutingRule("(0010,0020):PID (.*)")]))
        #expect(
            identifier.identify(
                RoutingFixtures.dataSet(values),
                explicit: ExplicitRouting(sessionLabel: "E1"),
                project: nil
            ).sessionLabel == "E1"
        )
        #expect(
            identifier.identify(RoutingFixtures.dataSet(values), explicit: ExplicitRouting(), project: nil).sessionLabel
                == "7"
        )
        #expect(
            SessionIdentifier().identify(RoutingFixtures.dataSet(values), explicit: ExplicitRouting(), project: nil)
                .sessionLabel == "FromComment"
        )
        values[.studyComments] = nil
        #expect(
            SessionIdentifier().identify(RoutingFixtures.dataSet(values), explicit: ExplicitRouting(), project: nil)
                .sessionLabel == "PID_7"
        )
    }

    @Test func requestedLabelsAreMadeSafe() {
        let explicit = ExplicitRouting(
            subject: "Subject 1",
            sessionLabel: "../evil",
            prearchiveTimestamp: "2024/01",
            prearchiveFolder: "a b"
        )
        let identity = SessionIdentifier().identify(sample, explicit: explicit, project: "P1")
        #expect(identity.subject == "Subject_1")
        #expect(identity.sessionLabel == "___evil")
        #expect(identity.prearchiveFolder == "a_b")
        #expect(identity.prearchiveTimestamp == "2024_01")
    }

    @Test func folderDefaultsToTheSessionLabel() {
        let identity = SessionIdentifier().identify(
            sample,
            explicit: ExplicitRouting(sessionLabel: "E1"),
            project: "P1"
        )
        #expect(identity.prearchiveFolder == "E1")
        #expect(identity.prearchiveTimestamp == nil)
    }

    @Test(arguments: [
        ("AA:true", AutoArchiveRequest?.some(.autoArchive)),
        ("aa: T", .autoArchive),
        ("AA:false", .manual),
        ("AA:F", .manual),
        ("AA:maybe", nil),
        ("nothing here", nil),
    ])
    func autoArchiveFromComments(comment: String, expected: AutoArchiveRequest?) {
        let dataSet = RoutingFixtures.dataSet([.patientComments: comment])
        #expect(
            SessionIdentifier().identify(dataSet, explicit: ExplicitRouting(), project: "P1").autoArchive == expected
        )
    }

    @Test func autoArchiveRulesComeFirst() throws {
        let dataSet = RoutingFixtures.dataSet([.patientComments: "AA:false", .accessionNumber: "AUTO"])
        let identifier = SessionIdentifier(
            rules: RoutingRules(autoArchive: [try RoutingRule("(0008,0050):AU(TO) t:TO r:true")])
        )
        #expect(identifier.autoArchiveRequest(in: dataSet) == .autoArchive)
        #expect(SessionIdentifier().autoArchiveRequest(in: dataSet) == .manual)
    }

    @Test(arguments: [("t", true), ("TRUE", true), ("True", true), ("f", false), ("false", false)])
    func autoArchiveValues(text: String, archives: Bool) {
        #expect(AutoArchiveRequest(text) == (archives ? .autoArchive : .manual))
    }

    @Test(arguments: ["yes", "1", "", "truee", " true"])
    func autoArchiveValuesWithoutOpinion(text: String) {
        #expect(AutoArchiveRequest(text) == nil)
    }
}
