/// The main header's `file_type` codes (byte 50), named as nibabel's `file_type_codes` names them.
package enum ECATFileType: UInt16, CaseIterable, Sendable {
    case unknown = 0
    case scan2D = 1
    case image16 = 2
    case attenuation = 3
    case normalization2D = 4
    case polarMap = 5
    case volume8 = 6
    case volume16 = 7
    case projection8 = 8
    case projection16 = 9
    case image8 = 10
    case scan3D = 11
    case scan3D8 = 12
    case normalization3D = 13
    case scan3DFit = 14

    /// nibabel's name for the code, e.g. `ECAT7_VOLUME16`.
    package var name: String {
        switch self {
        case .unknown: "ECAT7_UNKNOWN"
        case .scan2D: "ECAT7_2DSCAN"
        case .image16: "ECAT7_IMAGE16"
        case .attenuation: "ECAT7_ATTEN"
        case .normalization2D: "ECAT7_2DNORM"
        case .polarMap: "ECAT7_POLARMAP"
        case .volume8: "ECAT7_VOLUME8"
        case .volume16: "ECAT7_VOLUME16"
        case .projection8: "ECAT7_PROJ"
        case .projection16: "ECAT7_PROJ16"
        case .image8: "ECAT7_IMAGE8"
        case .scan3D: "ECAT7_3DSCAN"
        case .scan3D8: "ECAT7_3DSCAN8"
        case .normalization3D: "ECAT7_3DNORM"
        case .scan3DFit: "ECAT7_3DSCANFIT"
        }
    }

    /// Which subheader layout the file's matrices carry, or nil when the reader does not know it
    /// (unknown file type and projections).
    package var subheaderLayout: ECATSubheaderLayout? {
        switch self {
        case .image16, .volume8, .volume16, .image8: .image
        case .scan2D: .scan2D
        case .scan3D, .scan3D8, .scan3DFit: .scan3D
        case .attenuation: .attenuation
        case .normalization2D: .normalization2D
        case .normalization3D: .normalization3D
        case .polarMap: .polarMap
        case .unknown, .projection8, .projection16: nil
        }
    }
}

/// The subheader layouts of ECAT 7 matrices.
package enum ECATSubheaderLayout: String, CaseIterable, Sendable {
    /// Image subheader (file types 2, 6, 7, 10), the one nibabel reads.
    case image
    /// 2D (imported 6.5) scan subheader (file type 1).
    case scan2D = "scan_2d"
    /// 3D sinogram subheader (file types 11, 12, 14); two blocks long.
    case scan3D = "scan_3d"
    /// Attenuation subheader (file type 3).
    case attenuation
    /// 2D normalisation subheader (file type 4).
    case normalization2D = "normalization_2d"
    /// 3D normalisation subheader (file type 13).
    case normalization3D = "normalization_3d"
    /// Polar map subheader (file type 5).
    case polarMap = "polar_map"

    /// The subheader's length in bytes: 1024 for 3D scans, one 512-byte block otherwise.
    package var size: Int { self == .scan3D ? 1024 : 512 }
}

/// The main header's `acquisition_type` codes (byte 328).
package enum ECATAcquisitionType: UInt16, CaseIterable, Sendable {
    case undefined = 0
    case blank = 1
    case transmission = 2
    case staticEmission = 3
    case dynamicEmission = 4
    case gatedEmission = 5
    case transmissionRectilinear = 6
    case emissionRectilinear = 7

    /// The CTI description, e.g. `Dynamic emission`.
    package var name: String {
        switch self {
        case .undefined: "Undefined"
        case .blank: "Blank"
        case .transmission: "Transmission"
        case .staticEmission: "Static emission"
        case .dynamicEmission: "Dynamic emission"
        case .gatedEmission: "Gated emission"
        case .transmissionRectilinear: "Transmission rectilinear"
        case .emissionRectilinear: "Emission rectilinear"
        }
    }
}
