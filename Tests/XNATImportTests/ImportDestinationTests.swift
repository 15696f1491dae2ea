import Testing
import XNATImport

@Suite struct ImportDestinationTests {
    @Test(arguments: [
        ("/archive", ImportDestination(area: .archive)),
        ("/archive/projects/P", ImportDestination(area: .archive, project: "P")),
        ("/archive/projects/P/subjects/S", ImportDestination(area: .archive, project: "P", subject: "S")),
        (
            "/archive/projects/P/subjects/S/experiments/E",
            ImportDestination(area: .archive, project: "P", subject: "S", experiment: "E")
        ),
        ("/archive/subjects/S", ImportDestination(area: .archive, subject: "S")),
        ("/archive/experiments/XNAT_E00001", ImportDestination(area: .archive, experiment: "XNAT_E00001")),
        ("/prearchive", ImportDestination(area: .prearchive)),
        ("/prearchive/projects/P", ImportDestination(area: .prearchive, project: "P")),
        (
            "/prearchive/projects/P/20000101_100001",
            ImportDestination(area: .prearchive, project: "P", timestamp: "20000101_100001")
        ),
        (
            "/prearchive/projects/P/20000101_050505/11223344556677",
            ImportDestination(area: .prearchive, project: "P", timestamp: "20000101_050505", folder: "11223344556677")
        ),
        ("/data/archive/projects/P", ImportDestination(area: .archive, project: "P")),
        ("/REST/prearchive/projects/P/", ImportDestination(area: .prearchive, project: "P")),
    ])
    func parses(uri: String, expected: ImportDestination) {
        #expect(ImportDestination(uri) == expected)
    }

    @Test(arguments: [
        "", "archive", "/", "/archives", "/archive/projects", "/archive/projects/P/experiments/E",
        "/archive/projects/P/subjects/S/experiments/E/scans/1", "/prearchive/P", "/prearchive/projects//TS",
        "/prearchive/projects/P/TS/F/extra", "/data/projects/P", "/archive//projects/P",
    ])
    func rejects(uri: String) {
        #expect(ImportDestination(uri) == nil)
    }
}
