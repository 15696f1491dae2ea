/// The ECAT 7 main header: the file's first 512-byte block, every field nibabel's `ecat.py`
/// (`main_header_dtd`) knows, by name.
///
/// Byte offsets in the comments are from the start of the file (CTI "Main Header for Matrix Data
/// Files", ECAT 7). Integer widths follow nibabel (`uint16` shorts), except the three times, which
/// CTI defines as signed `int` seconds since 1970-01-01 UTC and which are `Int32` here (a birth date
/// before 1970 is negative). The 12 reserved bytes at 500 (`fill`) are not kept.
package struct ECATMainHeader: Equatable, Sendable {
    /// 0, char[14]: `MATRIX72v`, `MATRIX7011`, ... (checked to start with `MATRIX7`).
    package var magicNumber: String
    /// 14, char[32]: the scan file's name when it was created (nibabel: `original_filename`).
    package var originalFileName: String
    /// 46, short: software version (70, 72, 73, 74, ...).
    package var swVersion: UInt16
    /// 48, short: scanner model (921, 951, 961, 962, 966, ...).
    package var systemType: UInt16
    /// 50, short: matrix file type, see `ECATFileType`.
    package var fileType: UInt16
    /// 52, char[10]: gantry serial number.
    package var serialNumber: String
    /// 62, int: acquisition start, seconds since 1970-01-01 UTC.
    package var scanStartTime: Int32
    /// 66, char[8]: isotope, e.g. `F-18`.
    package var isotopeName: String
    /// 74, float: isotope half-life in seconds.
    package var isotopeHalflife: Float
    /// 78, char[32]: radiopharmaceutical, free text.
    package var radiopharmaceutical: String
    /// 110, float: gantry tilt in degrees.
    package var gantryTilt: Float
    /// 114, float: gantry rotation in degrees.
    package var gantryRotation: Float
    /// 118, float: bed height in cm from its lowest point.
    package var bedElevation: Float
    /// 122, float: offset of bucket 0's first detector from top centre, in degrees.
    package var intrinsicTilt: Float
    /// 126, short: wobble revolutions per minute.
    package var wobbleSpeed: UInt16
    /// 128, short: transmission source type code.
    package var transmSourceType: UInt16
    /// 130, float: total distance scanned in cm.
    package var distanceScanned: Float
    /// 134, float: transaxial field of view diameter in cm.
    package var transaxialFOV: Float
    /// 138, short: angular compression (0 none, 1 mash of 2, 2 mash of 4).
    package var angularCompression: UInt16
    /// 140, short: coincidence sampling mode.
    package var coinSampMode: UInt16
    /// 142, short: axial sampling mode.
    package var axialSampMode: UInt16
    /// 144, float: ECAT counts to activity scale factor.
    package var ecatCalibrationFactor: Float
    /// 148, short: calibration units (nibabel: `calibration_unitS`).
    package var calibrationUnits: UInt16
    /// 150, short: calibration units label (nibabel: `calibration_units_type`).
    package var calibrationUnitsType: UInt16
    /// 152, short: compression code.
    package var compressionCode: UInt16
    /// 154, char[12]: study type (descriptor).
    package var studyType: String
    /// 166, char[16]: patient ID.
    package var patientID: String
    /// 182, char[32]: patient name.
    package var patientName: String
    /// 214, char[1]: patient sex.
    package var patientSex: String
    /// 215, char[1]: patient dexterity.
    package var patientDexterity: String
    /// 216, float: patient age in years.
    package var patientAge: Float
    /// 220, float: patient height in cm.
    package var patientHeight: Float
    /// 224, float: patient weight in kg.
    package var patientWeight: Float
    /// 228, int: birth date, seconds since 1970-01-01 UTC in practice.
    package var patientBirthDate: Int32
    /// 232, char[32]: physician name.
    package var physicianName: String
    /// 264, char[32]: operator name.
    package var operatorName: String
    /// 296, char[32]: study description.
    package var studyDescription: String
    /// 328, short: acquisition type, see `ECATAcquisitionType`.
    package var acquisitionType: UInt16
    /// 330, short: patient orientation code (0-8).
    package var patientOrientation: UInt16
    /// 332, char[20]: facility name.
    package var facilityName: String
    /// 352, short: number of planes.
    package var numPlanes: UInt16
    /// 354, short: number of frames (or the highest frame number).
    package var numFrames: UInt16
    /// 356, short: number of gates.
    package var numGates: UInt16
    /// 358, short: number of bed positions.
    package var numBedPos: UInt16
    /// 360, float: initial bed position in cm.
    package var initBedPosition: Float
    /// 364, float[15]: bed positions in cm.
    package var bedPosition: [Float]
    /// 424, float: distance between adjacent planes in cm.
    package var planeSeparation: Float
    /// 428, short: lowest scatter threshold in keV.
    package var lwrSctrThres: UInt16
    /// 430, short: lower trues threshold in keV.
    package var lwrTrueThres: UInt16
    /// 432, short: upper trues threshold in keV.
    package var uprTrueThres: UInt16
    /// 434, char[10]: user process code.
    package var userProcessCode: String
    /// 444, short: acquisition mode.
    package var acquisitionMode: UInt16
    /// 446, float: width of a view sample in cm.
    package var binSize: Float
    /// 450, float: positron branching fraction.
    package var branchingFraction: Float
    /// 454, int: injection time, seconds since 1970-01-01 UTC.
    package var doseStartTime: Int32
    /// 458, float: dosage (Bq/cc) at injection.
    package var dosage: Float
    /// 462, float: well counter correction factor.
    package var wellCounterCorrFactor: Float
    /// 466, char[32]: data units.
    package var dataUnits: String
    /// 498, short: septa state (0 extended, 1 retracted).
    package var septaState: UInt16

    /// The main header's size, one block.
    package static let size = 512

    /// The bytes every ECAT 7 file starts with: `MATRIX7`.
    package static let magicPrefix = Array("MATRIX7".utf8)

    /// Reads the main header from the first 512 bytes of a file.
    ///
    /// Throws `badMagic` unless the bytes start with `MATRIX7` (ECAT 6 files, which start with
    /// reserved space, are rejected here), and `truncated` when fewer than 512 bytes are given.
    package init(_ bytes: some Collection<UInt8>) throws(ECATParseError) {
        let prefix = Array(bytes.prefix(Self.size))
        try Self.checkMagic(prefix)
        guard prefix.count == Self.size else {
            throw ECATParseError(
                .truncated,
                offset: prefix.count,
                "the main header needs \(Self.size) bytes, the file has \(prefix.count)"
            )
        }
        self.init(block: BigEndianBlock(prefix))
    }

    private static func checkMagic(_ bytes: [UInt8]) throws(ECATParseError) {
        let ecat7 = magicPrefix
        let head = Array(bytes.prefix(ecat7.count))
        if head == ecat7 { return }
        if head.count < ecat7.count, head == Array(ecat7.prefix(head.count)) {
            throw ECATParseError(
                .truncated,
                offset: head.count,
                "the file ends inside the ECAT magic number"
            )
        }
        let shown = BigEndianBlock(bytes.prefix(14) + [UInt8](repeating: 0, count: 14))
            .string(0, length: 14)
        if head.starts(with: Array("MATRIX".utf8)) {
            throw ECATParseError(
                .badMagic,
                offset: 0,
                "magic number \"\(shown)\" is not ECAT 7 (only the MATRIX7 family is supported)"
            )
        }
        throw ECATParseError(
            .badMagic,
            offset: 0,
            "no ECAT 7 magic number (\"MATRIX7...\") at the start of the file; "
                + "ECAT 6 files have none and are not supported"
        )
    }

    private init(block b: BigEndianBlock) {
        magicNumber = b.string(0, length: 14)
        originalFileName = b.string(14, length: 32)
        swVersion = b.uint16(46)
        systemType = b.uint16(48)
        fileType = b.uint16(50)
        serialNumber = b.string(52, length: 10)
        scanStartTime = b.int32(62)
        isotopeName = b.string(66, length: 8)
        isotopeHalflife = b.float32(74)
        radiopharmaceutical = b.string(78, length: 32)
        gantryTilt = b.float32(110)
        gantryRotation = b.float32(114)
        bedElevation = b.float32(118)
        intrinsicTilt = b.float32(122)
        wobbleSpeed = b.uint16(126)
        transmSourceType = b.uint16(128)
        distanceScanned = b.float32(130)
        transaxialFOV = b.float32(134)
        angularCompression = b.uint16(138)
        coinSampMode = b.uint16(140)
        axialSampMode = b.uint16(142)
        ecatCalibrationFactor = b.float32(144)
        calibrationUnits = b.uint16(148)
        calibrationUnitsType = b.uint16(150)
        compressionCode = b.uint16(152)
        studyType = b.string(154, length: 12)
        patientID = b.string(166, length: 16)
        patientName = b.string(182, length: 32)
        patientSex = b.string(214, length: 1)
        patientDexterity = b.string(215, length: 1)
        patientAge = b.float32(216)
        patientHeight = b.float32(220)
        patientWeight = b.float32(224)
        patientBirthDate = b.int32(228)
        physicianName = b.string(232, length: 32)
        operatorName = b.string(264, length: 32)
        studyDescription = b.string(296, length: 32)
        acquisitionType = b.uint16(328)
        patientOrientation = b.uint16(330)
        facilityName = b.string(332, length: 20)
        numPlanes = b.uint16(352)
        numFrames = b.uint16(354)
        numGates = b.uint16(356)
        numBedPos = b.uint16(358)
        initBedPosition = b.float32(360)
        bedPosition = b.float32s(364, count: 15)
        planeSeparation = b.float32(424)
        lwrSctrThres = b.uint16(428)
        lwrTrueThres = b.uint16(430)
        uprTrueThres = b.uint16(432)
        userProcessCode = b.string(434, length: 10)
        acquisitionMode = b.uint16(444)
        binSize = b.float32(446)
        branchingFraction = b.float32(450)
        doseStartTime = b.int32(454)
        dosage = b.float32(458)
        wellCounterCorrFactor = b.float32(462)
        dataUnits = b.string(466, length: 32)
        septaState = b.uint16(498)
    }

    /// The file type as a known code, or nil for a value outside 0-14.
    package var knownFileType: ECATFileType? { ECATFileType(rawValue: fileType) }

    /// The acquisition type as a known code, or nil for a value outside 0-7.
    package var knownAcquisitionType: ECATAcquisitionType? {
        ECATAcquisitionType(rawValue: acquisitionType)
    }

    /// `scan_start_time` as `YYYY-MM-DDTHH:MM:SSZ`.
    package var scanStartTimeUTC: String { ECATTime.utcString(unixSeconds: Int64(scanStartTime)) }

    /// `dose_start_time` as `YYYY-MM-DDTHH:MM:SSZ`.
    package var doseStartTimeUTC: String { ECATTime.utcString(unixSeconds: Int64(doseStartTime)) }
}
