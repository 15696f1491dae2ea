/// Decoded values of an element, by kind (pydicom's `converters` table: one decoder per VR).
package enum DecodedValue: Sendable, Equatable {
    /// AE AS CS DA DT LO LT SH ST TM UC UI UR UT: text values, padding removed.
    case strings([String])
    /// DS, IS: numbers given as text. `nil` where a value is not a number.
    case decimalStrings([String], [Double?])
    /// PN.
    case personNames([PersonName])
    /// SS SL SV, and US UL UV.
    case signed([Int64])
    case unsigned([UInt64])
    /// FL FD.
    case floats([Double])
    /// AT.
    case tags([Tag])
    /// OB OD OF OL OV OW UN: bytes as stored.
    case binary([UInt8])
    case sequence([DataSet])
    case fragments([[UInt8]])
}

extension DataElement {
    /// The VR the value is decoded with: a UN element of a known standard attribute is decoded with the
    /// dictionary's VR (PS3.5 §6.2.2, as pydicom does by default), since its bytes are in that VR's encoding.
    package var effectiveVR: VR {
        guard vr == .UN, let known = DataDictionary.defaultVR(for: tag), known != .SQ, known != .UN else { return vr }
        return known
    }

    /// Decodes the value with the given character set (that of the data set holding the element).
    package func decoded(characterSet: SpecificCharacterSet = .default) -> DecodedValue {
        switch value {
        case .sequence(let items): return .sequence(items)
        case .fragments(let fragments): return .fragments(fragments)
        case .bytes(let bytes): return Self.decode(bytes, vr: effectiveVR, littleEndian: isLittleEndian, characterSet: characterSet)
        }
    }

    static func decode(_ bytes: [UInt8], vr: VR, littleEndian: Bool, characterSet: SpecificCharacterSet) -> DecodedValue {
        switch vr {
        case .PN:
            return .personNames(textValues(bytes, vr: .PN, characterSet: characterSet).map(PersonName.init(_:)))
        case .DS, .IS:
            let values = textValues(bytes, vr: vr, characterSet: .default)
            return .decimalStrings(values, values.map { vr == .IS ? parseIS($0) : Double($0) })
        case .US, .UL, .UV:
            return .unsigned(unsignedValues(bytes, size: vr.binaryValueSize!, littleEndian: littleEndian))
        case .SS, .SL, .SV:
            return .signed(signedValues(bytes, size: vr.binaryValueSize!, littleEndian: littleEndian))
        case .FL, .FD:
            return .floats(floatValues(bytes, size: vr.binaryValueSize!, littleEndian: littleEndian))
        case .AT:
            let words = unsignedValues(bytes, size: 2, littleEndian: littleEndian)
            return .tags(stride(from: 0, to: words.count - 1, by: 2).map {
                Tag(group: UInt16(words[$0]), element: UInt16(words[$0 + 1]))
            })
        case .OB, .OD, .OF, .OL, .OV, .OW, .UN, .SQ:
            return .binary(bytes)
        default:
            return .strings(textValues(bytes, vr: vr, characterSet: characterSet))
        }
    }

    /// The text values of an element, padding removed. Where the character set allows (see
    /// `SpecificCharacterSet.decodesWholeValues`) the bytes are split and trimmed before decoding, which
    /// is the fast path header reads take; otherwise the whole value is decoded, then split.
    static func textValues(_ bytes: [UInt8], vr: VR, characterSet: SpecificCharacterSet) -> [String] {
        if vr.usesSpecificCharacterSet && characterSet.decodesWholeValues {
            return splitValues(characterSet.decode(bytes, vr: vr), vr: vr)
        }
        // A value of nothing but padding is an empty value, not one empty string.
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0 }) { return [] }
        let trailingOnly = trimsTrailingOnly(vr)
        if vr.isSingleValued || !bytes.contains(0x5C) {
            return [characterSet.decode(trimmed(bytes[...], trailingOnly: trailingOnly), vr: vr)]
        }
        return bytes.split(separator: 0x5C, omittingEmptySubsequences: false).map {
            characterSet.decode(trimmed($0, trailingOnly: trailingOnly), vr: vr)
        }
    }

    /// LT, ST, UT, UC, PN and UR keep leading spaces (PS3.5 §6.2); the other text VRs drop them.
    static func trimsTrailingOnly(_ vr: VR) -> Bool {
        switch vr {
        case .LT, .ST, .UT, .UC, .PN, .UR: true
        default: false
        }
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>, trailingOnly: Bool) -> ArraySlice<UInt8> {
        var slice = bytes
        while let last = slice.last, last == 0x20 || last == 0 { slice.removeLast() }
        if !trailingOnly {
            while let first = slice.first, first == 0x20 || first == 0 { slice.removeFirst() }
        }
        return slice
    }

    /// Splits decoded text on backslash (not for LT, ST, UT, UR) and removes padding: both ends for the VRs
    /// whose leading spaces are not significant, trailing only for the others (PS3.5 §6.2).
    static func splitValues(_ text: String, vr: VR) -> [String] {
        // A value of nothing but padding is an empty value, not one empty string.
        if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0 }) { return [] }
        let parts = vr.isSingleValued ? [Substring(text)] : text.split(separator: "\\", omittingEmptySubsequences: false)
        if trimsTrailingOnly(vr) {
            return parts.map { trimTrailing($0) }
        }
        return parts.map { $0.trimmingCharacters(in: " \0") }
    }

    static func trimTrailing(_ text: Substring) -> String {
        var slice = text
        while let last = slice.last, last == " " || last == "\0" { slice.removeLast() }
        return String(slice)
    }

    /// IS values are integers, but some writers put "1.0" or "+3": accepted when the number is whole.
    static func parseIS(_ text: String) -> Double? {
        if let integer = Int64(text) { return Double(integer) }
        if let double = Double(text), double.rounded() == double { return double }
        return nil
    }

    static func unsignedValues(_ bytes: [UInt8], size: Int, littleEndian: Bool) -> [UInt64] {
        stride(from: 0, through: bytes.count - size, by: size).map { start in
            var value: UInt64 = 0
            for index in 0..<size {
                let byte = UInt64(bytes[littleEndian ? start + size - 1 - index : start + index])
                value = value << 8 | byte
            }
            return value
        }
    }

    static func signedValues(_ bytes: [UInt8], size: Int, littleEndian: Bool) -> [Int64] {
        unsignedValues(bytes, size: size, littleEndian: littleEndian).map { raw in
            let shift = UInt64(64 - size * 8)
            return Int64(bitPattern: raw << shift) >> Int64(shift)
        }
    }

    static func floatValues(_ bytes: [UInt8], size: Int, littleEndian: Bool) -> [Double] {
        unsignedValues(bytes, size: size, littleEndian: littleEndian).map { raw in
            size == 4 ? Double(Float(bitPattern: UInt32(raw))) : Double(bitPattern: raw)
        }
    }
}
