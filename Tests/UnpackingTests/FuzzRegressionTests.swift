import Testing

@testable import Unpacking

/// Inputs found by the libFuzzer targets (`Fuzz/README.md`), each kept once its bug was fixed.
@Suite struct FuzzRegressionTests {
    /// Found by FuzzDestination in `ResourcePath`; `EntryPath` had the same flaw: names were split on the Character
    /// `/`, and `/` followed by a combining mark (U+034C) is one Character, so `../\u{34C}x` was one name to the check
    /// and `..` then `\u{34C}x` to the file system, one level out of the extraction folder.
    @Test(arguments: ["../\u{34C}evil.dcm", "a/../../\u{34C}evil.dcm", "/\u{34C}etc/passwd"])
    func slashBeforeACombiningMarkStillSeparatesNames(name: String) {
        #expect(throws: EntryPath.Problem.self) { try EntryPath(validating: name) }
    }

    @Test func namesAreSplitOnTheByte() throws {
        let path = try EntryPath(validating: "a/\u{34C}b/")
        #expect(path.components == ["a", "\u{34C}b"])
        #expect(path.hasTrailingSlash)
    }
}
