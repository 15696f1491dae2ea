/// One tar entry as ``TarReader`` reports it, after pax and GNU long-name headers have been applied.
package struct TarEntryHeader: Sendable, Equatable {
    /// The kind of entry, from the header's type flag (POSIX.1-2008 `pax`, "ustar Interchange Format").
    package enum Kind: Sendable, Equatable {
        /// `0`, NUL or `7` (contiguous file): a regular file whose bytes follow.
        case regularFile
        /// `5`.
        case directory
        /// `2`.
        case symbolicLink
        /// `1`.
        case hardLink
        /// `3`.
        case characterDevice
        /// `4`.
        case blockDevice
        /// `6`.
        case fifo
        /// A GNU sparse file: type `S`, or a pax header with `GNU.sparse.*` records.
        case sparseFile
        /// Any other type flag (GNU `V` volume label, `D` dump directory, `M` multi-volume continuation, …).
        case other(typeFlag: UInt8)
    }

    /// The entry's name: the pax `path` record, else a GNU long name, else ustar prefix + `/` + name.
    package var path: String
    /// What kind of entry it is.
    package var kind: Kind
    /// How many data bytes follow the header; 0 for links, devices, FIFOs and directories whatever the size
    /// field says, as GNU tar, Go's archive/tar and Python's tarfile treat them.
    package var size: Int64
    /// A link's target (pax `linkpath`, GNU long link name, or the header's link name); empty otherwise.
    package var linkTarget: String

    /// Creates a header.
    package init(path: String, kind: Kind, size: Int64, linkTarget: String = "") {
        self.path = path
        self.kind = kind
        self.size = size
        self.linkTarget = linkTarget
    }
}

extension TarEntryHeader.Kind {
    /// The kind a ustar type flag stands for.
    init(typeFlag: UInt8) {
        switch typeFlag {
        case UInt8(ascii: "0"), 0, UInt8(ascii: "7"): self = .regularFile
        case UInt8(ascii: "1"): self = .hardLink
        case UInt8(ascii: "2"): self = .symbolicLink
        case UInt8(ascii: "3"): self = .characterDevice
        case UInt8(ascii: "4"): self = .blockDevice
        case UInt8(ascii: "5"): self = .directory
        case UInt8(ascii: "6"): self = .fifo
        case UInt8(ascii: "S"): self = .sparseFile
        default: self = .other(typeFlag: typeFlag)
        }
    }

    /// Whether the header alone is the entry, so that the size field is ignored and no data follows.
    var isHeaderOnly: Bool {
        switch self {
        case .hardLink, .symbolicLink, .characterDevice, .blockDevice, .directory, .fifo: true
        case .regularFile, .sparseFile, .other: false
        }
    }
}
