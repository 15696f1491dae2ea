import Testing
import XNATImport

@Suite struct StoredFileNameTests {
    static let generated = "1.2.3-4-1-abc.dcm"

    func choose(
        client: String?,
        rename: Bool = false,
        existing: StoredFileName.ExistingFile = .absent
    ) -> String {
        StoredFileName.choose(
            generatedName: Self.generated,
            clientName: client,
            rename: rename,
            sopClassUID: "1.2",
            sopInstanceUID: "9.9",
            existingFile: { _ in existing }
        )
    }

    @Test func keepsTheClientNameWhenFree() {
        #expect(choose(client: "IM0001.dcm") == "IM0001.dcm")
        #expect(choose(client: "scan 1/IM 2.dcm") == "scan_1_IM_2.dcm")
    }

    @Test func renameForcesTheTemplate() {
        #expect(choose(client: "IM0001.dcm", rename: true) == Self.generated)
    }

    @Test func sameInstanceOverwritesOtherwiseTemplate() {
        #expect(choose(client: "a.dcm", existing: .instance(sopClassUID: "1.2", sopInstanceUID: "9.9")) == "a.dcm")
        #expect(
            choose(client: "a.dcm", existing: .instance(sopClassUID: "1.2", sopInstanceUID: "9.8")) == Self.generated
        )
        #expect(
            choose(client: "a.dcm", existing: .instance(sopClassUID: "1.3", sopInstanceUID: "9.9")) == Self.generated
        )
        #expect(choose(client: "a.dcm", existing: .unreadable) == Self.generated)
    }

    @Test(arguments: [nil, "", ".", "..", "...", String(repeating: "a", count: 256)])
    func unusableClientNamesGetTheTemplate(client: String?) {
        #expect(choose(client: client) == Self.generated)
    }

    @Test func clientNamesLoseLeadingDots() {
        #expect(StoredFileName.clientName(".hidden.dcm") == "hidden.dcm")
        #expect(StoredFileName.clientName("ü") == "_")
        #expect(StoredFileName.clientName(String(repeating: "a", count: 255))?.count == 255)
    }

    @Test func looksUpTheSafeName() {
        var asked: [String] = []
        _ = StoredFileName.choose(
            generatedName: Self.generated,
            clientName: "my file.dcm",
            rename: false,
            sopClassUID: "1",
            sopInstanceUID: "2",
            existingFile: {
                asked.append($0)
                return .absent
            }
        )
        #expect(asked == ["my_file.dcm"])
    }

    @Test(arguments: [("true", true), ("TRUE", true), ("True", true), ("false", false), ("1", false), ("yes", false)])
    func renameParameter(value: String, forces: Bool) {
        #expect(StoredFileName.forcesTemplate(rename: value) == forces)
        #expect(StoredFileName.Parameter.rename.rawValue == "rename")
    }

    @Test func absentRenameKeepsNames() {
        #expect(!StoredFileName.forcesTemplate(rename: nil))
    }
}
