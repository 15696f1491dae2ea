import Testing
import XNATImport

@Suite struct ImportHandlerTests {
    @Test func wireNames() {
        #expect(ImportHandler.allCases.map(\.rawValue) == ["gradual-DICOM", "DICOM-zip", "SI", "XAR", "inbox"])
    }

    @Test(arguments: ["dicom-zip", "Gradual-DICOM", "si", "tar", "zip", ""])
    func namesAreCaseSensitiveWithoutAliases(name: String) {
        #expect(ImportHandler(rawValue: name) == nil)
    }

    @Test func onlyInboxNeedsNoUpload() {
        #expect(ImportHandler.allCases.filter { !$0.needsUploadedFile } == [.inbox])
    }
}
