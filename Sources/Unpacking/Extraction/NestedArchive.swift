/// Tells whether an unpacked file is itself an archive to open, from its first bytes.
///
/// Stricter than ``ArchiveFormat/init(sniffing:)``, which serves the upload (sent as an archive): an entry is a
/// nested archive only if it looks like one beyond its magic number, so that a data file that happens to start
/// with `1F 8B` or hold `ustar` at byte 257 is kept as a file rather than failing the upload.
enum NestedArchive {
    /// Bytes needed to decide: one tar header block.
    static let prefixLength = TarHeaderBlock.size

    /// The archive format of a file starting with `prefix`, or `nil` to keep it as a file.
    static func format(of prefix: [UInt8]) -> ArchiveFormat? {
        if isDICOM(prefix) {
            return nil
        }
        switch ArchiveFormat(sniffing: prefix) {
        case .zip:
            return .zip
        case .gzip where prefix.count >= 4 && prefix[2] == 8 && prefix[3] & 0xE0 == 0:
            return .gzip  // RFC 1952 §2.3.1: CM 8 (deflate), reserved FLG bits zero
        case .tar where isTar(prefix):
            return .tar
        default:
            return nil
        }
    }

    /// Whether `prefix` starts with a tar header whose checksum is right.
    static func isTar(_ prefix: [UInt8]) -> Bool {
        guard prefix.count >= TarHeaderBlock.size, ArchiveFormat(sniffing: prefix) == .tar else {
            return false
        }
        return TarHeaderBlock(Array(prefix.prefix(TarHeaderBlock.size))) != nil
    }

    /// A Part-10 file whose preamble happens to start like an archive (PS3.10 §7.1 leaves the preamble free;
    /// see reliability.md V14) is kept as a file, not opened.
    private static func isDICOM(_ prefix: [UInt8]) -> Bool {
        prefix.count >= 132 && prefix[128..<132].elementsEqual("DICM".utf8)
    }
}
