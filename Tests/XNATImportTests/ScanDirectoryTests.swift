import Testing
import XNATImport

@Suite struct ScanDirectoryTests {
    @Test(arguments: [
        ("4", "1.2.3", "4"),
        (" 12 ", "1.2.3", "12"),
        ("+3", "1.2.3.4", "1_2_3_4"),  // `+` is not a file-name character: the UID is used
        ("1.5", "1.2", "1.5"),
        ("..", "1.2", "1_2"),
    ])
    func name(seriesNumber: String, uid: String, expected: String) {
        #expect(ScanDirectory.name(seriesNumber: seriesNumber, seriesInstanceUID: uid) == expected)
    }

    @Test func missingValues() {
        #expect(ScanDirectory.name(seriesNumber: nil, seriesInstanceUID: "1.2-3") == "1_2-3")
        #expect(ScanDirectory.name(seriesNumber: "", seriesInstanceUID: nil) == "NA")
        #expect(ScanDirectory.name(seriesNumber: nil, seriesInstanceUID: "  ") == "NA")
    }
}
