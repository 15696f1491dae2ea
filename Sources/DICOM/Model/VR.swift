/// A DICOM value representation, PS3.5 §6.2.
package enum VR: String, CaseIterable, Sendable, CustomStringConvertible {
    case AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM
    case UC, UI, UL, UN, UR, US, UT, UV

    /// Reads the two VR bytes of an explicit-VR element header; `nil` for bytes that name no VR.
    package init?(byte0: UInt8, byte1: UInt8) {
        guard (0x41...0x5A).contains(byte0), (0x41...0x5A).contains(byte1) else { return nil }
        let text = String(decoding: [byte0, byte1], as: UTF8.self)
        self.init(rawValue: text)
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
