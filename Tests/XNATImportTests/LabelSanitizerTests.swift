import Testing
import XNATImport

@Suite struct LabelSanitizerTests {
    @Test(arguments: [
        ("Sample Patient", "Sample_Patient"),  // rest-tests TestImportCompartmentalization
        ("Sample ID", "Sample_ID"),
        ("Doe^John", "Doe_John"),
        ("SUBJ-01_a", "SUBJ-01_a"),
        ("1.2.840/3", "1_2_840_3"),
        ("../../etc", "______etc"),
        ("Zoë", "Zo_"),
        ("e\u{301}", "e_"),  // decomposed: one `_` per scalar
        ("🧠scan", "_scan"),
        ("a\tb\nc", "a_b_c"),
        ("", ""),
    ])
    func labelRule(text: String, expected: String) {
        #expect(LabelSanitizer.sanitize(text, allowing: .label) == expected)
    }

    @Test(arguments: [
        ("MR-1", "MR_1"),
        ("1.3.12.2", "1_3_12_2"),
        ("a b", "a_b"),
    ])
    func wordRule(text: String, expected: String) {
        #expect(LabelSanitizer.sanitize(text, allowing: .word) == expected)
    }

    @Test(arguments: [
        ("IM-0001.dcm", "IM-0001.dcm"),
        ("scan 1/IM 2.dcm", "scan_1_IM_2.dcm"),
        ("C:\\dir\\x.dcm", "C__dir_x.dcm"),
        ("ü.dcm", "_.dcm"),
    ])
    func fileNameRule(text: String, expected: String) {
        #expect(LabelSanitizer.sanitize(text, allowing: .fileName) == expected)
    }

    @Test func validity() {
        #expect(LabelSanitizer.isValid("SUBJ_01-a", allowing: .label))
        #expect(!LabelSanitizer.isValid("SUBJ.01", allowing: .label))
        #expect(LabelSanitizer.isValid("SUBJ.01", allowing: .fileName))
        #expect(!LabelSanitizer.isValid("a-b", allowing: .word))
        #expect(!LabelSanitizer.isValid("", allowing: .fileName))
    }

    @Test func labelsAreTrimmedAndBlankIsNone() {
        #expect(LabelSanitizer.label("  Sample Patient ") == "Sample_Patient")
        #expect(LabelSanitizer.label("   ") == nil)
        #expect(LabelSanitizer.label("") == nil)
    }

    @Test func veryLongLabelsKeepTheirLength() {
        let long = String(repeating: "a b", count: 1000)
        #expect(LabelSanitizer.label(long) == String(repeating: "a_b", count: 1000))
    }

    @Test func studyFolderFromPatientID() {
        #expect(LabelSanitizer.studyFolderName(patientID: "SPP-0x22 0790") == "SPP_0x22_0790")
        #expect(LabelSanitizer.studyFolderName(patientID: nil) == "session")
        #expect(LabelSanitizer.studyFolderName(patientID: "  ") == "session")
    }

    @Test func archiveLabelsFollowTheLabelRule() {
        #expect(LabelSanitizer.archiveLabel(" My Session ") == "My_Session")
        #expect(LabelSanitizer.archiveLabel("") == nil)
    }
}
