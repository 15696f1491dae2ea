/// Builds synthetic ECAT 7 files for tests: a main header, a matrix directory (as many linked
/// blocks as the matrices need) and one subheader plus zeroed pixel blocks per matrix.
///
/// It writes bytes by the CTI ECAT 7 layout on its own, without the `ECAT` target's code, so that
/// tests compare the reader with an independent writer. Main header fields are set by byte offset
/// (`setText`, `setUInt16`, ...); the defaults below are what `ECATReaderTests` expect.
package struct ECATFileBuilder {
    /// One matrix to write.
    package struct Matrix {
        /// The encoded matrix number (directory column 0).
        package var matrixNumber: Int32
        /// Frame start in ms: image subheader byte 50, 2D scan 218, 3D scan 220, polar map 294.
        package var frameStartTime: UInt32
        /// Frame duration in ms: image subheader byte 46, 2D scan 222, 3D scan 224, polar map 290.
        package var frameDuration: UInt32
        /// Pixel blocks written (as zeros) after the subheader.
        package var dataBlocks: Int = 1
        /// Directory column 3.
        package var status: Int32 = 1
        /// Image subheader annotation (byte 122, 40 chars).
        package var annotation: String = ""

        /// A matrix with the given number and times.
        package init(matrixNumber: Int32, frameStartTime: UInt32, frameDuration: UInt32) {
            self.matrixNumber = matrixNumber
            self.frameStartTime = frameStartTime
            self.frameDuration = frameDuration
        }
    }

    /// Where `build()` put things.
    package struct Built {
        /// The file.
        package var bytes: [UInt8]
        /// 1-based block numbers of the directory blocks, in list order.
        package var directoryBlocks: [Int]
        /// Byte offset of each directory entry (row), in matrix order.
        package var entryOffsets: [Int]
        /// Byte offset of each matrix's subheader.
        package var subheaderOffsets: [Int]
        /// One past the last byte the header reader needs (end of the last subheader, or of the
        /// last directory block if that comes later).
        package var headerEnd: Int
    }

    /// The 512-byte main header, editable directly.
    package var mainHeader: [UInt8]
    /// The matrices, in directory order.
    package var matrices: [Matrix]
    /// Entries written per directory block (CTI writes up to 31).
    package var entriesPerDirectoryBlock = 31

    /// Default `patient_id` (byte 166).
    package static let defaultPatientID = "P-0001"
    /// Default `patient_name` (byte 182).
    package static let defaultPatientName = "Doe^Jane"
    /// Default `scan_start_time` (byte 62): 2023-11-14T22:13:20Z.
    package static let defaultScanStart: Int32 = 1_700_000_000
    /// Default `dose_start_time` (byte 454): ten minutes before the scan.
    package static let defaultDoseStart: Int32 = 1_699_999_400

    /// A file of `fileType` (default 7, volume 16) with `frames` matrices, frame `i` starting at
    /// `i * 60_000` ms and lasting 60 s, matrix numbers `0x0101_0000 + i + 1` (frame i+1, plane 1,
    /// gate 1).
    package init(fileType: UInt16 = 7, frames: Int = 1) {
        mainHeader = [UInt8](repeating: 0, count: 512)
        matrices = (0..<frames).map { index in
            Matrix(
                matrixNumber: 0x0101_0000 + Int32(index) + 1,
                frameStartTime: UInt32(index) * 60_000,
                frameDuration: 60_000
            )
        }
        setText("MATRIX72v", at: 0, width: 14)
        setText("synthetic.v", at: 14, width: 32)
        setUInt16(72, at: 46)  // sw_version
        setUInt16(962, at: 48)  // system_type
        setUInt16(fileType, at: 50)
        setText("SN-42", at: 52, width: 10)
        setInt32(Self.defaultScanStart, at: 62)
        setText("F-18", at: 66, width: 8)
        setFloat(6586.2, at: 74)  // isotope_halflife
        setText("FDG", at: 78, width: 32)
        setFloat(1.5, at: 144)  // ecat_calibration_factor
        setText("BRAIN", at: 154, width: 12)
        setText(Self.defaultPatientID, at: 166, width: 16)
        setText(Self.defaultPatientName, at: 182, width: 32)
        setText("F", at: 214, width: 1)
        setFloat(42.5, at: 216)  // patient_age
        setText("Dr Who", at: 232, width: 32)
        setText("Operator One", at: 264, width: 32)
        setText("Synthetic study", at: 296, width: 32)
        setUInt16(4, at: 328)  // acquisition_type: dynamic emission
        setUInt16(3, at: 330)  // patient_orientation
        setText("Sluice Lab", at: 332, width: 20)
        setUInt16(1, at: 352)  // num_planes
        setUInt16(UInt16(frames), at: 354)  // num_frames
        setUInt16(1, at: 356)  // num_gates
        setUInt16(1, at: 358)  // num_bed_pos
        for index in 0..<15 {
            setFloat(Float(index) * 0.5, at: 364 + 4 * index)  // bed_position[15]
        }
        setInt32(Self.defaultDoseStart, at: 454)
        setFloat(370e6, at: 458)  // dosage
        setText("Bq/ml", at: 466, width: 32)
    }

    // MARK: - Main header edits

    /// Writes `text` as latin-1 at `offset`, NUL-padded (or cut) to `width` bytes.
    package mutating func setText(_ text: String, at offset: Int, width: Int) {
        Self.put(text: text, into: &mainHeader, at: offset, width: width)
    }

    /// Writes a big-endian short.
    package mutating func setUInt16(_ value: UInt16, at offset: Int) {
        Self.put(uint16: value, into: &mainHeader, at: offset)
    }

    /// Writes a big-endian int.
    package mutating func setInt32(_ value: Int32, at offset: Int) {
        Self.put(uint32: UInt32(bitPattern: value), into: &mainHeader, at: offset)
    }

    /// Writes a big-endian IEEE float.
    package mutating func setFloat(_ value: Float, at offset: Int) {
        Self.put(uint32: value.bitPattern, into: &mainHeader, at: offset)
    }

    // MARK: - Byte writers (also for patching built files)

    /// Writes `value` big-endian at `offset`.
    package static func put(uint16 value: UInt16, into bytes: inout [UInt8], at offset: Int) {
        bytes[offset] = UInt8(value >> 8)
        bytes[offset + 1] = UInt8(value & 0xFF)
    }

    /// Writes `value` big-endian at `offset`.
    package static func put(uint32 value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for index in 0..<4 {
            bytes[offset + index] = UInt8((value >> (24 - 8 * UInt32(index))) & 0xFF)
        }
    }

    /// Writes `value` big-endian at `offset`.
    package static func put(int32 value: Int32, into bytes: inout [UInt8], at offset: Int) {
        put(uint32: UInt32(bitPattern: value), into: &bytes, at: offset)
    }

    /// Writes `text` (scalars up to U+00FF, as latin-1 bytes) at `offset`, NUL-padded to `width`.
    package static func put(text: String, into bytes: inout [UInt8], at offset: Int, width: Int) {
        let encoded = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        for index in 0..<width {
            bytes[offset + index] = index < encoded.count ? encoded[index] : 0
        }
    }

    // MARK: - Building

    /// The file's bytes.
    package func build() -> [UInt8] { buildWithLayout().bytes }

    /// The file's bytes and where each part went. Layout: block 1 main header, block 2 the first
    /// directory block, then its matrices (subheader, then pixel blocks), then the next directory
    /// block and its matrices, and so on; the last directory block points back to block 2.
    package func buildWithLayout() -> Built {
        let fileType = UInt16(mainHeader[50]) << 8 | UInt16(mainHeader[51])
        let subheaderBlocks = [11, 12, 14].contains(fileType) ? 2 : 1
        let perBlock = max(1, min(31, entriesPerDirectoryBlock))
        let groups = stride(from: 0, to: max(matrices.count, 1), by: perBlock).map {
            Array(matrices[min($0, matrices.count)..<min($0 + perBlock, matrices.count)])
        }
        // Assign blocks: each directory block, then its group's matrices.
        var nextFree = 2
        var directoryBlocks: [Int] = []
        var startBlocks: [Int] = []
        for group in groups {
            directoryBlocks.append(nextFree)
            nextFree += 1
            for matrix in group {
                startBlocks.append(nextFree)
                nextFree += subheaderBlocks + matrix.dataBlocks
            }
        }
        var bytes = mainHeader + [UInt8](repeating: 0, count: (nextFree - 2) * 512)
        var entryOffsets: [Int] = []
        var subheaderOffsets: [Int] = []
        var matrixIndex = 0
        for (groupIndex, group) in groups.enumerated() {
            let start = (directoryBlocks[groupIndex] - 1) * 512
            let next = groupIndex + 1 < groups.count ? directoryBlocks[groupIndex + 1] : 2
            let previous = groupIndex > 0 ? directoryBlocks[groupIndex - 1] : directoryBlocks.last ?? 2
            Self.put(int32: Int32(31 - group.count), into: &bytes, at: start)
            Self.put(int32: Int32(next), into: &bytes, at: start + 4)
            Self.put(int32: Int32(previous), into: &bytes, at: start + 8)
            Self.put(int32: Int32(group.count), into: &bytes, at: start + 12)
            for (row, matrix) in group.enumerated() {
                let entry = start + 16 * (row + 1)
                let first = startBlocks[matrixIndex]
                Self.put(int32: matrix.matrixNumber, into: &bytes, at: entry)
                Self.put(int32: Int32(first), into: &bytes, at: entry + 4)
                Self.put(int32: Int32(first + subheaderBlocks + matrix.dataBlocks - 1), into: &bytes, at: entry + 8)
                Self.put(int32: matrix.status, into: &bytes, at: entry + 12)
                entryOffsets.append(entry)
                let offset = (first - 1) * 512
                Self.writeSubheader(matrix, fileType: fileType, into: &bytes, at: offset)
                subheaderOffsets.append(offset)
                matrixIndex += 1
            }
        }
        let lastSubheaderEnd = subheaderOffsets.last.map { $0 + 512 * subheaderBlocks } ?? 0
        let lastDirectoryEnd = (directoryBlocks.last ?? 2) * 512
        return Built(
            bytes: bytes,
            directoryBlocks: directoryBlocks,
            entryOffsets: entryOffsets,
            subheaderOffsets: subheaderOffsets,
            headerEnd: max(lastSubheaderEnd, lastDirectoryEnd)
        )
    }

    /// Writes the fields of a matrix's subheader that the layout of `fileType` has.
    private static func writeSubheader(_ matrix: Matrix, fileType: UInt16, into bytes: inout [UInt8], at offset: Int) {
        switch fileType {
        case 2, 6, 7, 10:  // image
            put(uint16: 6, into: &bytes, at: offset)  // data_type: Sun short
            put(uint16: 3, into: &bytes, at: offset + 2)  // num_dimensions
            put(uint16: 4, into: &bytes, at: offset + 4)  // x_dimension
            put(uint16: 4, into: &bytes, at: offset + 6)  // y_dimension
            put(uint16: 2, into: &bytes, at: offset + 8)  // z_dimension
            put(uint32: Float(0.25).bitPattern, into: &bytes, at: offset + 26)  // scale_factor
            put(uint16: 0xFFF6, into: &bytes, at: offset + 30)  // image_min: -10
            put(uint16: 1000, into: &bytes, at: offset + 32)  // image_max
            put(uint32: Float(0.2).bitPattern, into: &bytes, at: offset + 34)  // x_pixel_size
            put(uint32: matrix.frameDuration, into: &bytes, at: offset + 46)
            put(uint32: matrix.frameStartTime, into: &bytes, at: offset + 50)
            put(text: matrix.annotation, into: &bytes, at: offset + 122, width: 40)
            put(uint32: Float(1).bitPattern, into: &bytes, at: offset + 162)  // mt_1_1
            put(uint32: Float(-5).bitPattern, into: &bytes, at: offset + 230)  // mt_4_3
            put(uint16: 96, into: &bytes, at: offset + 238)  // recon_views
        case 1:  // 2D scan
            put(uint16: 6, into: &bytes, at: offset)
            put(uint32: matrix.frameStartTime, into: &bytes, at: offset + 218)
            put(uint32: matrix.frameDuration, into: &bytes, at: offset + 222)
        case 11, 12, 14:  // 3D scan, two blocks
            put(uint16: 6, into: &bytes, at: offset)
            put(uint16: 11, into: &bytes, at: offset + 142)  // axial_compression (span)
            put(uint32: 123_456, into: &bytes, at: offset + 192)  // prompts
            put(uint32: matrix.frameStartTime, into: &bytes, at: offset + 220)
            put(uint32: matrix.frameDuration, into: &bytes, at: offset + 224)
            put(uint32: Float(2.5).bitPattern, into: &bytes, at: offset + 512 + 4 * 127)  // uncor_singles[127]
        case 5:  // polar map
            put(uint16: 6, into: &bytes, at: offset)
            put(uint32: matrix.frameDuration, into: &bytes, at: offset + 290)
            put(uint32: matrix.frameStartTime, into: &bytes, at: offset + 294)
            put(text: "PM protocol", into: &bytes, at: offset + 354, width: 20)
        case 3:  // attenuation
            put(uint16: 5, into: &bytes, at: offset)  // data_type: IEEE float
            put(uint32: Float(0.096).bitPattern, into: &bytes, at: offset + 54)  // attenuation_coeff
        case 4:  // 2D normalisation
            put(uint16: 5, into: &bytes, at: offset)
            put(uint32: Float(3.5).bitPattern, into: &bytes, at: offset + 24)  // fov_source_width
        case 13:  // 3D normalisation
            put(uint16: 5, into: &bytes, at: offset)
            put(uint16: 650, into: &bytes, at: offset + 12)  // uld
            put(uint16: 350, into: &bytes, at: offset + 14)  // lld
            put(uint16: 7, into: &bytes, at: offset + 314)  // max_ring_diff
        default:
            put(uint16: 6, into: &bytes, at: offset)
        }
    }
}
