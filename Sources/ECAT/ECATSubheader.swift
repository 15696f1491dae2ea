/// A matrix's subheader, in the layout the main header's `file_type` calls for.
package enum ECATSubheader: Equatable, Sendable {
    /// Image subheader (file types 2, 6, 7, 10), read field by field.
    case image(ECATImageSubheader)
    /// Scan, attenuation, normalisation or polar map subheader, read from its layout table.
    case other(ECATTabledSubheader)
    /// A file type whose subheader layout the reader does not know (0 unknown, 8 and 9
    /// projections, or a code past 14): the matrix is listed, its subheader is not read.
    case unsupported(fileType: UInt16)

    /// Reads a subheader of `layout` from its bytes (512, or 1024 for 3D scans) found at byte
    /// `offset` of the file; throws `truncated` when fewer bytes are given.
    package init(
        layout: ECATSubheaderLayout,
        bytes: some Collection<UInt8>,
        offset: Int
    )
        throws(ECATParseError)
    {
        let block = BigEndianBlock(bytes.prefix(layout.size))
        guard block.count == layout.size else {
            throw ECATParseError(
                .truncated,
                offset: offset + block.count,
                "the \(layout.rawValue) subheader at byte \(offset) needs \(layout.size) bytes, "
                    + "got \(block.count)"
            )
        }
        if layout == .image {
            self = .image(ECATImageSubheader(block: block))
        } else {
            self = .other(ECATTabledSubheader(layout: layout, fields: layout.fieldSpecs.map { $0.read(block) }))
        }
    }

    /// `image`, `scan_2d`, `scan_3d`, `attenuation`, `normalization_2d`, `normalization_3d`,
    /// `polar_map`, or `unsupported`.
    package var layoutName: String {
        switch self {
        case .image: ECATSubheaderLayout.image.rawValue
        case .other(let subheader): subheader.layout.rawValue
        case .unsupported: "unsupported"
        }
    }

    /// Every field read, in byte order (none for `unsupported`).
    package var fields: [ECATField] {
        switch self {
        case .image(let subheader): subheader.fields
        case .other(let subheader): subheader.fields
        case .unsupported: []
        }
    }

    /// Frame start in ms from the first frame, for layouts that have one (image, scans, polar
    /// map).
    package var frameStartTime: Int64? {
        switch self {
        case .image(let subheader): Int64(subheader.frameStartTime)
        case .other(let subheader): subheader.integer("frame_start_time")
        case .unsupported: nil
        }
    }

    /// Frame duration in ms, for layouts that have one (image, scans, polar map).
    package var frameDuration: Int64? {
        switch self {
        case .image(let subheader): Int64(subheader.frameDuration)
        case .other(let subheader): subheader.integer("frame_duration")
        case .unsupported: nil
        }
    }
}

/// A subheader read from its layout table: its fields by CTI name, in byte order.
package struct ECATTabledSubheader: Equatable, Sendable {
    /// Which layout this is.
    package var layout: ECATSubheaderLayout
    /// The fields, reserved space left out.
    package var fields: [ECATField]

    /// The value of the field called `name`, if the layout has one.
    package subscript(name: String) -> ECATValue? {
        fields.first { $0.name == name }?.value
    }

    /// The value of the integer field called `name`, if the layout has one.
    package func integer(_ name: String) -> Int64? {
        if case .integer(let value) = self[name] { value } else { nil }
    }
}
