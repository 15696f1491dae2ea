import Testing
import Unpacking

@Suite struct ArchiveFormatTests {
    /// `count` zero bytes with `signature` written at `offset`.
    private func bytes(_ signature: [UInt8], at offset: Int, count: Int = 512) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.replaceSubrange(offset..<offset + signature.count, with: signature)
        return bytes
    }

    @Test func zipLocalFileHeader() {
        #expect(ArchiveFormat(sniffing: bytes([0x50, 0x4B, 0x03, 0x04], at: 0)) == .zip)
    }

    @Test func emptyZipIsAnEndOfCentralDirectoryRecord() {
        // An empty zip is only the 22-byte end record.
        #expect(ArchiveFormat(sniffing: bytes([0x50, 0x4B, 0x05, 0x06], at: 0, count: 22)) == .zip)
    }

    @Test func gzip() {
        #expect(ArchiveFormat(sniffing: [0x1F, 0x8B, 0x08, 0x00]) == .gzip)
    }

    @Test(arguments: ["ustar\u{0}00", "ustar  \u{0}"])
    func tarPOSIXAndGNU(magic: String) {
        #expect(ArchiveFormat(sniffing: bytes(Array(magic.utf8), at: 257)) == .tar)
    }

    @Test func dicomPart10() {
        #expect(ArchiveFormat(sniffing: bytes(Array("DICM".utf8), at: 128)) == .dicom)
    }

    @Test func shortDICOMFileStillDetected() {
        #expect(ArchiveFormat(sniffing: bytes(Array("DICM".utf8), at: 128, count: 132)) == .dicom)
    }

    @Test func signatureAtOffsetZeroWins() {
        var zip = bytes([0x50, 0x4B, 0x03, 0x04], at: 0)
        zip.replaceSubrange(128..<132, with: Array("DICM".utf8))
        #expect(ArchiveFormat(sniffing: zip) == .zip)
    }

    @Test(arguments: [[], [0x50, 0x4B], [0x1F], Array("DICM".utf8), [UInt8](repeating: 0x20, count: 600)])
    func unknown(prefix: [UInt8]) {
        #expect(ArchiveFormat(sniffing: prefix) == .unknown)
    }

    @Test func sniffLengthCoversTheTarMagic() {
        let header = bytes(Array("ustar".utf8), at: 257, count: ArchiveFormat.sniffLength)
        #expect(ArchiveFormat(sniffing: header) == .tar)
        #expect(ArchiveFormat(sniffing: header.dropLast()) == .unknown)
    }

    @Test func acceptsASlice() {
        let file = bytes([0x1F, 0x8B], at: 0)
        #expect(ArchiveFormat(sniffing: file[0..<10]) == .gzip)
    }
}
