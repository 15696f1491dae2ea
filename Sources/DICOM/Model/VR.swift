/// A DICOM value representation, PS3.5 §6.2.
package enum VR: String, CaseIterable, Sendable, CustomStringConvertible {
    case AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM
    case UC, UI, UL, UN, UR, US, UT, UV

    /// Reads the two VR bytes of an explicit-VR element header; `nil` for bytes that name no VR.
    package init?(byte0: UInt8, byte1: UInt8) {
        // A switch on the two bytes as one number: this runs for every explicit-VR element header.
        switch UInt16(byte0) << 8 | UInt16(byte1) {
        case 0x4145: self = .AE
        case 0x4153: self = .AS
        case 0x4154: self = .AT
        case 0x4353: self = .CS
        case 0x4441: self = .DA
        case 0x4453: self = .DS
        case 0x4454: self = .DT
        case 0x4644: self = .FD
        case 0x464C: self = .FL
        case 0x4953: self = .IS
        case 0x4C4F: self = .LO
        case 0x4C54: self = .LT
        case 0x4F42: self = .OB
        case 0x4F44: self = .OD
        case 0x4F46: self = .OF
        case 0x4F4C: self = .OL
        case 0x4F56: self = .OV
        case 0x4F57: self = .OW
        case 0x504E: self = .PN
        case 0x5348: self = .SH
        case 0x534C: self = .SL
        case 0x5351: self = .SQ
        case 0x5353: self = .SS
        case 0x5354: self = .ST
        case 0x5356: self = .SV
        case 0x544D: self = .TM
        case 0x5543: self = .UC
        case 0x5549: self = .UI
        case 0x554C: self = .UL
        case 0x554E: self = .UN
        case 0x5552: self = .UR
        case 0x5553: self = .US
        case 0x5554: self = .UT
        case 0x5556: self = .UV
        default: return nil
        }
    }

    package var description: String { rawValue }

    /// The two ASCII bytes written in an explicit-VR header.
    package var bytes: (UInt8, UInt8) {
        let utf8 = Array(rawValue.utf8)
        return (utf8[0], utf8[1])
    }

    /// VRs whose explicit-VR header has two reserved bytes and a 32-bit length (PS3.5 §7.1.2, Table 7.1-1).
    package var hasLongLength: Bool {
        switch self {
        case .OB, .OD, .OF, .OL, .OV, .OW, .SQ, .SV, .UC, .UN, .UR, .UT, .UV: true
        default: false
        }
    }

    /// Character string VRs (PS3.5 §6.2), whose values are text.
    package var isString: Bool {
        switch self {
        case .AE, .AS, .CS, .DA, .DS, .DT, .IS, .LO, .LT, .PN, .SH, .ST, .TM, .UC, .UI, .UR, .UT: true
        default: false
        }
    }

    /// String VRs whose text is decoded with the Specific Character Set (0008,0005); the others are
    /// always in the default repertoire (PS3.5 §6.1.2.3).
    package var usesSpecificCharacterSet: Bool {
        switch self {
        case .LO, .LT, .PN, .SH, .ST, .UC, .UT: true
        default: false
        }
    }

    /// String VRs that hold one value only: backslash is not a separator in them (PS3.5 §6.2).
    package var isSingleValued: Bool {
        switch self {
        case .LT, .ST, .UT, .UR: true
        default: false
        }
    }

    /// Binary numeric VRs and the byte size of one value.
    package var binaryValueSize: Int? {
        switch self {
        case .US, .SS: 2
        case .UL, .SL, .FL, .AT: 4
        case .FD, .SV, .UV: 8
        case .OW: 2
        case .OL, .OF: 4
        case .OD, .OV: 8
        default: nil
        }
    }

    /// Byte used to pad a value to even length: space for text, NUL for UI and binary VRs (PS3.5 §6.2).
    package var paddingByte: UInt8 {
        isString && self != .UI ? 0x20 : 0x00
    }
}
