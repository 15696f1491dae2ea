/// The kind of file an upload is, told from its first bytes rather than its name or `Content-Type`.
package enum ArchiveFormat: String, Sendable, CaseIterable {
    /// A zip archive (local file header, or the end record of an empty archive).
    case zip
    /// A gzip stream, normally a `.tar.gz`.
    case gzip
    /// A POSIX ustar or GNU tar archive.
    case tar
    /// A single DICOM Part-10 file.
    case dicom
    /// None of the above.
    case unknown

    /// How many leading bytes ``init(sniffing:)`` needs to tell every format apart.
    package static let sniffLength = 262

    /// Detects the format from the first bytes of a file (at least ``sniffLength`` if the file is that long).
    ///
    /// Signatures at offset 0 are checked before those further in, so a zip or gzip file whose bytes happen to
    /// read "ustar" or "DICM" later on is still a zip or gzip file.
    package init(sniffing prefix: some Collection<UInt8>) {
        let bytes = Array(prefix.prefix(Self.sniffLength))
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            self = .zip  // "PK\3\4" local file header; "PK\5\6" end of central directory (empty zip)
        } else if bytes.starts(with: [0x1F, 0x8B]) {
            self = .gzip  // RFC 1952 §2.3.1: ID1 ID2
        } else if Self.bytes(bytes, match: "ustar", at: 257) {
            self = .tar  // POSIX.1-1988 header: magic field at offset 257 ("ustar\0" or GNU "ustar  ")
        } else if Self.bytes(bytes, match: "DICM", at: 128) {
            self = .dicom  // PS3.10 §7.1: 128-byte preamble, then "DICM"
        } else {
            self = .unknown
        }
    }

    private static func bytes(_ bytes: [UInt8], match signature: String, at offset: Int) -> Bool {
        let signature = Array(signature.utf8)
        return bytes.count >= offset + signature.count
            && bytes[offset..<offset + signature.count].elementsEqual(signature)
    }
}
