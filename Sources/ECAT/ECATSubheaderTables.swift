/// How one field of a non-image subheader is stored: its CTI name in lower case, its byte offset
/// from the start of the subheader, and its type. Reserved (`fill`) space is left out.
struct ECATFieldSpec {
    enum Kind {
        case int16, int32, float32
        case text(length: Int)
        case int16s(count: Int)
        case float32s(count: Int)
    }

    let name: String
    let offset: Int
    let kind: Kind

    init(_ name: String, _ offset: Int, _ kind: Kind) {
        self.name = name
        self.offset = offset
        self.kind = kind
    }

    func read(_ block: BigEndianBlock) -> ECATField {
        switch kind {
        case .int16: .int(name, block.int16(offset))
        case .int32: .int(name, block.int32(offset))
        case .float32: .real(name, block.float32(offset))
        case .text(let length): .text(name, block.string(offset, length: length))
        case .int16s(let count): .ints(name, block.int16s(offset, count: count))
        case .float32s(let count): .reals(name, block.float32s(offset, count: count))
        }
    }
}

extension ECATSubheaderLayout {
    /// The layout's fields in byte order, from the CTI ECAT 7 subheader tables ("Subheader for
    /// Imported 6.5 Matrix Scan Files", "3D Matrix Scan Files", "Matrix Attenuation Files",
    /// 2D normalisation, "3D normalized Files", "Matrix Polar Map Files"). The image layout is read
    /// by `ECATImageSubheader` instead and has no table.
    var fieldSpecs: [ECATFieldSpec] {
        switch self {
        case .image: []
        case .scan2D: Self.scan2DSpecs
        case .scan3D: Self.scan3DSpecs
        case .attenuation: Self.attenuationSpecs
        case .normalization2D: Self.normalization2DSpecs
        case .normalization3D: Self.normalization3DSpecs
        case .polarMap: Self.polarMapSpecs
        }
    }

    private static let scan2DSpecs: [ECATFieldSpec] = [
        .init("data_type", 0, .int16), .init("num_dimensions", 2, .int16),
        .init("num_r_elements", 4, .int16), .init("num_angles", 6, .int16),
        .init("corrections_applied", 8, .int16), .init("num_z_elements", 10, .int16),
        .init("ring_difference", 12, .int16), .init("x_resolution", 14, .float32),
        .init("y_resolution", 18, .float32), .init("z_resolution", 22, .float32),
        .init("w_resolution", 26, .float32),
        // 30: fill_gate[6]
        .init("gate_duration", 42, .int32), .init("r_wave_offset", 46, .int32),
        .init("num_accepted_beats", 50, .int32), .init("scale_factor", 54, .float32),
        .init("scan_min", 58, .int16), .init("scan_max", 60, .int16),
        .init("prompts", 62, .int32), .init("delayed", 66, .int32),
        .init("multiples", 70, .int32), .init("net_trues", 74, .int32),
        .init("cor_singles", 78, .float32s(count: 16)),
        .init("uncor_singles", 142, .float32s(count: 16)),
        .init("tot_avg_cor", 206, .float32), .init("tot_avg_uncor", 210, .float32),
        .init("total_coin_rate", 214, .int32), .init("frame_start_time", 218, .int32),
        .init("frame_duration", 222, .int32), .init("deadtime_correction_factor", 226, .float32),
        .init("physical_planes", 230, .int16s(count: 8)),
        // 246: fill_cti[83], 412: fill_user[50]
    ]

    private static let scan3DSpecs: [ECATFieldSpec] = [
        .init("data_type", 0, .int16), .init("num_dimensions", 2, .int16),
        .init("num_r_elements", 4, .int16), .init("num_angles", 6, .int16),
        .init("corrections_applied", 8, .int16), .init("num_z_elements", 10, .int16s(count: 64)),
        .init("ring_difference", 138, .int16), .init("storage_order", 140, .int16),
        .init("axial_compression", 142, .int16), .init("x_resolution", 144, .float32),
        .init("v_resolution", 148, .float32), .init("z_resolution", 152, .float32),
        .init("w_resolution", 156, .float32),
        // 160: fill_gate[6]
        .init("gate_duration", 172, .int32), .init("r_wave_offset", 176, .int32),
        .init("num_accepted_beats", 180, .int32), .init("scale_factor", 184, .float32),
        .init("scan_min", 188, .int16), .init("scan_max", 190, .int16),
        .init("prompts", 192, .int32), .init("delayed", 196, .int32),
        .init("multiples", 200, .int32), .init("net_trues", 204, .int32),
        .init("tot_avg_cor", 208, .float32), .init("tot_avg_uncor", 212, .float32),
        .init("total_coin_rate", 216, .int32), .init("frame_start_time", 220, .int32),
        .init("frame_duration", 224, .int32), .init("deadtime_correction_factor", 228, .float32),
        // 232: fill_cti[90], 412: fill_user[50]; the second block holds the singles.
        .init("uncor_singles", 512, .float32s(count: 128)),
    ]

    private static let attenuationSpecs: [ECATFieldSpec] = [
        .init("data_type", 0, .int16), .init("num_dimensions", 2, .int16),
        .init("attenuation_type", 4, .int16), .init("num_r_elements", 6, .int16),
        .init("num_angles", 8, .int16), .init("num_z_elements", 10, .int16),
        .init("ring_difference", 12, .int16), .init("x_resolution", 14, .float32),
        .init("y_resolution", 18, .float32), .init("z_resolution", 22, .float32),
        .init("w_resolution", 26, .float32), .init("scale_factor", 30, .float32),
        .init("x_offset", 34, .float32), .init("y_offset", 38, .float32),
        .init("x_radius", 42, .float32), .init("y_radius", 46, .float32),
        .init("tilt_angle", 50, .float32), .init("attenuation_coeff", 54, .float32),
        .init("attenuation_min", 58, .float32), .init("attenuation_max", 62, .float32),
        .init("skull_thickness", 66, .float32), .init("num_additional_atten_coeff", 70, .int16),
        .init("additional_atten_coeff", 72, .float32s(count: 8)),
        .init("edge_finding_threshold", 104, .float32), .init("storage_order", 108, .int16),
        .init("span", 110, .int16), .init("z_elements", 112, .int16s(count: 64)),
        // 240: fill_cti[86], 412: fill_user[50]
    ]

    private static let normalization2DSpecs: [ECATFieldSpec] = [
        .init("data_type", 0, .int16), .init("num_dimensions", 2, .int16),
        .init("num_r_elements", 4, .int16), .init("num_angles", 6, .int16),
        .init("num_z_elements", 8, .int16), .init("ring_difference", 10, .int16),
        .init("scale_factor", 12, .float32), .init("norm_min", 16, .float32),
        .init("norm_max", 20, .float32), .init("fov_source_width", 24, .float32),
        .init("norm_quality_factor", 28, .float32), .init("norm_quality_factor_code", 32, .int16),
        .init("storage_order", 34, .int16), .init("span", 36, .int16),
        .init("z_elements", 38, .int16s(count: 64)),
        // 166: fill_cti[123], 412: fill_user[50]
    ]

    private static let normalization3DSpecs: [ECATFieldSpec] = [
        .init("data_type", 0, .int16), .init("num_r_elements", 2, .int16),
        .init("num_transaxial_crystals", 4, .int16), .init("num_crystal_rings", 6, .int16),
        .init("crystals_per_ring", 8, .int16), .init("num_geo_corr_planes", 10, .int16),
        .init("uld", 12, .int16), .init("lld", 14, .int16), .init("scatter_energy", 16, .int16),
        .init("norm_quality_factor", 18, .float32), .init("norm_quality_factor_code", 22, .int16),
        .init("ring_dtcor1", 24, .float32s(count: 32)), .init("ring_dtcor2", 152, .float32s(count: 32)),
        .init("crystal_dtcor", 280, .float32s(count: 8)), .init("span", 312, .int16),
        .init("max_ring_diff", 314, .int16),
        // 316: fill_cti[48], 412: fill_user[50]
    ]

    private static let polarMapSpecs: [ECATFieldSpec] = [
        .init("data_type", 0, .int16), .init("polar_map_type", 2, .int16),
        .init("num_rings", 4, .int16), .init("sectors_per_ring", 6, .int16s(count: 32)),
        .init("ring_position", 70, .float32s(count: 32)), .init("ring_angle", 198, .int16s(count: 32)),
        .init("start_angle", 262, .int16), .init("long_axis_left", 264, .int16s(count: 3)),
        .init("long_axis_right", 270, .int16s(count: 3)), .init("position_data", 276, .int16),
        .init("image_min", 278, .int16), .init("image_max", 280, .int16),
        .init("scale_factor", 282, .float32), .init("pixel_size", 286, .float32),
        .init("frame_duration", 290, .int32), .init("frame_start_time", 294, .int32),
        .init("processing_code", 298, .int16), .init("quant_units", 300, .int16),
        .init("annotation", 302, .text(length: 40)), .init("gate_duration", 342, .int32),
        .init("r_wave_offset", 346, .int32), .init("num_accepted_beats", 350, .int32),
        .init("polar_map_protocol", 354, .text(length: 20)),
        .init("database_name", 374, .text(length: 30)),
        // 404: fill_cti[27], 458: fill_user[27]
    ]
}
