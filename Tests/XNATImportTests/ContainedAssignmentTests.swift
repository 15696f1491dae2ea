import DICOM
import Testing
import XNATImport

@Suite struct ContainedAssignmentTests {
    typealias Key = ContainedAssignment.Key

    @Test(arguments: [
        ("Project:P1 Subject:S1 Session:E1", Key.project, "P1"),
        ("Project:P1 Subject:S1 Session:E1", .subject, "S1"),
        ("Project:P1 Subject:S1 Session:E1", .session, "E1"),
        ("project: P1, subject: S1", .subject, "S1"),
        ("foo;Session:E1;bar", .session, "E1"),
        ("PROJECT : my-proj_2", .project, "my-proj_2"),
        ("AA:true", .autoArchive, "true"),
        ("Project:A Project:B", .project, "A"),  // at the very start: that one
        ("x Project:A Project:B", .project, "B"),  // otherwise the last one (greedy `.*`)
        ("line one\nProject: P1", .project, "P1"),
        ("Project: P1\nline two", .project, "P1"),
        ("Project:\nP1", .project, "P1"),  // `\s*` crosses the line break
    ])
    func finds(text: String, key: Key, expected: String) {
        #expect(ContainedAssignment.value(of: key, in: text) == expected)
    }

    @Test(arguments: [
        ("Project:", Key.project),  // empty value is no value
        ("Project: P1.x", .project),  // value followed by another character
        ("Project: é", .project),  // only ASCII word characters
        ("xProject:P", .project),  // key must start the value or follow a separator
        ("a\nb\nProject: P", .project),  // `.` does not cross line ends
        ("Project: P1\nfoo\nbar", .project),
        ("Subject:S1", .project),
        ("", .session),
    ])
    func findsNothing(text: String, key: Key) {
        #expect(ContainedAssignment.value(of: key, in: text) == nil)
    }

    @Test func searchesTheThreeCommentAttributesInOrder() throws {
        let dataSet = RoutingFixtures.dataSet([
            .studyComments: "Project:FromStudy",
            .additionalPatientHistory: "Project:FromHistory Subject:S9",
        ])
        let project = try #require(ContainedAssignment.value(of: .project, in: dataSet))
        #expect(project.value == "FromStudy")
        #expect(project.tag == .studyComments)
        #expect(ContainedAssignment.value(of: .subject, in: dataSet)?.value == "S9")
        #expect(ContainedAssignment.value(of: .session, in: dataSet) == nil)
        #expect(ContainedAssignment.sourceTags == [.patientComments, .studyComments, .additionalPatientHistory])
    }

    @Test func concurrentUseGivesTheSameAnswers() async {
        let texts = ["Project:P1 Subject:S1", "x;Project:P2;y", "Project: P1.x"]
        let expected = texts.map { ContainedAssignment.value(of: .project, in: $0) }
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<100).allSatisfy { _ in
                        texts.map { ContainedAssignment.value(of: .project, in: $0) } == expected
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
