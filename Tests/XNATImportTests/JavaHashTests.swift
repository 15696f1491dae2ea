import Testing
import XNATImport

@Suite struct JavaHashTests {
    static let mrImageStorage = "1.2.840.10008.5.1.4.1.1.4"

    /// `xnat-import-spec.md` §7.2, matching rest-tests `filenames/sample1.json`.
    @Test(arguments: [
        (
            "1.3.12.2.1107.5.2.32.35177.3.2006121409365951632817982", UInt32(3_796_316_407), UInt32(0xE247_30F7),
            "1qs88hj"
        ),
        (
            "1.3.12.2.1107.5.2.32.35177.3.2006121409370018007818018", UInt32(2_282_205_172), UInt32(0x8807_AFF4),
            "11qrks4"
        ),
    ])
    func specVectors(sopInstanceUID: String, unsigned: UInt32, hex: UInt32, base36: String) {
        let hash = JavaHash.hash([Self.mrImageStorage, sopInstanceUID])
        #expect(UInt32(bitPattern: hash) == unsigned)
        #expect(UInt32(bitPattern: hash) == hex)
        #expect(JavaHash.base36(hash) == base36)
    }

    /// Values Java itself gives for `String.hashCode`.
    @Test(arguments: [
        ("", Int32(0)),
        ("a", 97),
        ("hello", 99_162_322),
        ("polygenelubricants", Int32.min),  // a well-known hash of exactly -2^31
        ("😀", 1_772_899),  // UTF-16 surrogates 0xD83D 0xDE00
    ])
    func stringHash(text: String, expected: Int32) {
        #expect(JavaHash.hash(text) == expected)
    }

    @Test func listHash() {
        #expect(JavaHash.hash([String?]()) == 1)
        #expect(JavaHash.hash(["a", "b"]) == 31 * (31 + 97) + 98)
        #expect(JavaHash.hash([nil]) == 31)
    }

    @Test func base36IsUnsignedLowercaseUnpadded() {
        #expect(JavaHash.base36(0) == "0")
        #expect(JavaHash.base36(35) == "z")
        #expect(JavaHash.base36(-1) == "1z141z3")  // 4294967295
    }
}
