/// The ECAT 7 image subheader (file types 2, 6, 7 and 10; one 512-byte block before each image
/// matrix), every field nibabel's `subheader_dtd` knows, with nibabel's names and widths.
///
/// Byte offsets in the comments are from the start of the subheader (CTI "Subheader for Matrix
/// Image Files"). The reserved space from byte 240 on is not kept.
package struct ECATImageSubheader: Equatable, Sendable {
    /// 0: pixel data type (1 byte, 2 VAX i2, 3 VAX i4, 4 VAX r4, 5 IEEE r4, 6 Sun i2, 7 Sun i4).
    package var dataType: UInt16
    /// 2: number of dimensions.
    package var numDimensions: UInt16
    /// 4: x dimension in pixels.
    package var xDimension: UInt16
    /// 6: y dimension in pixels.
    package var yDimension: UInt16
    /// 8: z dimension in pixels.
    package var zDimension: UInt16
    /// 10: x offset of the reconstruction target in cm.
    package var xOffset: Float
    /// 14: y offset in cm.
    package var yOffset: Float
    /// 18: z offset in cm.
    package var zOffset: Float
    /// 22: reconstruction zoom.
    package var reconZoom: Float
    /// 26: quantification scale factor.
    package var scaleFactor: Float
    /// 30: minimum pixel value.
    package var imageMin: Int16
    /// 32: maximum pixel value.
    package var imageMax: Int16
    /// 34: x pixel size in cm.
    package var xPixelSize: Float
    /// 38: y pixel size in cm.
    package var yPixelSize: Float
    /// 42: z pixel size in cm.
    package var zPixelSize: Float
    /// 46: frame duration in ms.
    package var frameDuration: UInt32
    /// 50: frame start in ms from the first frame.
    package var frameStartTime: UInt32
    /// 54: reconstruction filter code.
    package var filterCode: UInt16
    /// 56: x resolution in cm.
    package var xResolution: Float
    /// 60: y resolution in cm.
    package var yResolution: Float
    /// 64: z resolution in cm.
    package var zResolution: Float
    /// 68: sinogram r elements.
    package var numRElements: Float
    /// 72: sinogram angles.
    package var numAngles: Float
    /// 76: rotation in the xy plane, degrees.
    package var zRotationAngle: Float
    /// 80: decay correction factor.
    package var decayCorrFctr: Float
    /// 84: processing bit mask (CTI: `processing_code`).
    package var correctionsApplied: UInt32
    /// 88: gate duration in ms.
    package var gateDuration: UInt32
    /// 92: R wave offset in ms.
    package var rWaveOffset: UInt32
    /// 96: accepted beats for this gate.
    package var numAcceptedBeats: UInt32
    /// 100: filter cutoff frequency.
    package var filterCutoffFrequency: Float
    /// 104: filter resolution.
    package var filterResolution: Float
    /// 108: filter ramp slope.
    package var filterRampSlope: Float
    /// 112: filter order.
    package var filterOrder: UInt16
    /// 114: filter scatter fraction.
    package var filterScatterFraction: Float
    /// 118: filter scatter slope.
    package var filterScatterSlope: Float
    /// 122, char[40]: free text.
    package var annotation: String
    /// 162-194: the rotation part of the transformation matrix, row by row
    /// (`mt_1_1`, `mt_1_2`, ..., `mt_3_3`).
    package var mt: [Float]
    /// 198: radial filter cutoff.
    package var rfilterCutoff: Float
    /// 202: radial filter resolution.
    package var rfilterResolution: Float
    /// 206: radial filter code.
    package var rfilterCode: UInt16
    /// 208: radial filter order.
    package var rfilterOrder: UInt16
    /// 210: axial filter cutoff.
    package var zfilterCutoff: Float
    /// 214: axial filter resolution.
    package var zfilterResolution: Float
    /// 218: axial filter code.
    package var zfilterCode: UInt16
    /// 220: axial filter order.
    package var zfilterOrder: UInt16
    /// 222-230: the translation column (nibabel `mt_4_1`..`mt_4_3`; CTI `MT_1_4`..`MT_3_4`).
    package var mt4: [Float]
    /// 234: scatter correction type.
    package var scatterType: UInt16
    /// 236: reconstruction type.
    package var reconType: UInt16
    /// 238: views used to reconstruct.
    package var reconViews: UInt16

    /// Reads an image subheader from its 512 bytes (the caller has checked the length).
    init(block b: BigEndianBlock) {
        dataType = b.uint16(0)
        numDimensions = b.uint16(2)
        xDimension = b.uint16(4)
        yDimension = b.uint16(6)
        zDimension = b.uint16(8)
        xOffset = b.float32(10)
        yOffset = b.float32(14)
        zOffset = b.float32(18)
        reconZoom = b.float32(22)
        scaleFactor = b.float32(26)
        imageMin = b.int16(30)
        imageMax = b.int16(32)
        xPixelSize = b.float32(34)
        yPixelSize = b.float32(38)
        zPixelSize = b.float32(42)
        frameDuration = b.uint32(46)
        frameStartTime = b.uint32(50)
        filterCode = b.uint16(54)
        xResolution = b.float32(56)
        yResolution = b.float32(60)
        zResolution = b.float32(64)
        numRElements = b.float32(68)
        numAngles = b.float32(72)
        zRotationAngle = b.float32(76)
        decayCorrFctr = b.float32(80)
        correctionsApplied = b.uint32(84)
        gateDuration = b.uint32(88)
        rWaveOffset = b.uint32(92)
        numAcceptedBeats = b.uint32(96)
        filterCutoffFrequency = b.float32(100)
        filterResolution = b.float32(104)
        filterRampSlope = b.float32(108)
        filterOrder = b.uint16(112)
        filterScatterFraction = b.float32(114)
        filterScatterSlope = b.float32(118)
        annotation = b.string(122, length: 40)
        mt = b.float32s(162, count: 9)
        rfilterCutoff = b.float32(198)
        rfilterResolution = b.float32(202)
        rfilterCode = b.uint16(206)
        rfilterOrder = b.uint16(208)
        zfilterCutoff = b.float32(210)
        zfilterResolution = b.float32(214)
        zfilterCode = b.uint16(218)
        zfilterOrder = b.uint16(220)
        mt4 = b.float32s(222, count: 3)
        scatterType = b.uint16(234)
        reconType = b.uint16(236)
        reconViews = b.uint16(238)
    }

    /// Every field in byte order, named as nibabel's `subheader_dtd` names it.
    package var fields: [ECATField] {
        var list: [ECATField] = [
            .int("data_type", dataType), .int("num_dimensions", numDimensions),
            .int("x_dimension", xDimension), .int("y_dimension", yDimension),
            .int("z_dimension", zDimension), .real("x_offset", xOffset),
            .real("y_offset", yOffset), .real("z_offset", zOffset),
            .real("recon_zoom", reconZoom), .real("scale_factor", scaleFactor),
            .int("image_min", imageMin), .int("image_max", imageMax),
            .real("x_pixel_size", xPixelSize), .real("y_pixel_size", yPixelSize),
            .real("z_pixel_size", zPixelSize), .int("frame_duration", frameDuration),
            .int("frame_start_time", frameStartTime), .int("filter_code", filterCode),
            .real("x_resolution", xResolution), .real("y_resolution", yResolution),
            .real("z_resolution", zResolution), .real("num_r_elements", numRElements),
            .real("num_angles", numAngles), .real("z_rotation_angle", zRotationAngle),
            .real("decay_corr_fctr", decayCorrFctr), .int("corrections_applied", correctionsApplied),
            .int("gate_duration", gateDuration), .int("r_wave_offset", rWaveOffset),
            .int("num_accepted_beats", numAcceptedBeats),
            .real("filter_cutoff_frequency", filterCutoffFrequency),
            .real("filter_resolution", filterResolution), .real("filter_ramp_slope", filterRampSlope),
            .int("filter_order", filterOrder), .real("filter_scatter_fraction", filterScatterFraction),
            .real("filter_scatter_slope", filterScatterSlope), .text("annotation", annotation),
        ]
        for (index, value) in mt.enumerated() {
            list.append(.real("mt_\(index / 3 + 1)_\(index % 3 + 1)", value))
        }
        list += [
            .real("rfilter_cutoff", rfilterCutoff), .real("rfilter_resolution", rfilterResolution),
            .int("rfilter_code", rfilterCode), .int("rfilter_order", rfilterOrder),
            .real("zfilter_cutoff", zfilterCutoff), .real("zfilter_resolution", zfilterResolution),
            .int("zfilter_code", zfilterCode), .int("zfilter_order", zfilterOrder),
        ]
        for (index, value) in mt4.enumerated() {
            list.append(.real("mt_4_\(index + 1)", value))
        }
        list += [
            .int("scatter_type", scatterType), .int("recon_type", reconType),
            .int("recon_views", reconViews),
        ]
        return list
    }
}
