/// A DIMSE command set (PS3.7 §6.3, §9.3): group 0000 elements, always implicit VR little endian whatever the
/// presentation context's transfer syntax. Values are kept as raw bytes keyed by element number.
package struct CommandSet: Sendable, Equatable {
    /// Element number (the low 16 bits of the tag) → value bytes.
    package var elements: [UInt16: [UInt8]]

    /// An empty command set.
    package init(elements: [UInt16: [UInt8]] = [:]) {
        self.elements = elements
    }

    // MARK: - Element numbers (PS3.7 Annex E)

    package static let affectedSOPClassUID: UInt16 = 0x0002
    package static let commandField: UInt16 = 0x0100
    package static let messageID: UInt16 = 0x0110
    package static let messageIDBeingRespondedTo: UInt16 = 0x0120
    package static let priority: UInt16 = 0x0700
    package static let commandDataSetType: UInt16 = 0x0800
    package static let status: UInt16 = 0x0900
    package static let affectedSOPInstanceUID: UInt16 = 0x1000
    package static let moveOriginatorAETitle: UInt16 = 0x1030
    package static let moveOriginatorMessageID: UInt16 = 0x1031

    /// (0000,0800) value meaning "no data set follows" (PS3.7 §E.1: any other value means one follows).
    package static let noDataSet: UInt16 = 0x0101

    // MARK: - Typed access

    /// A US value.
    package func uint16(_ element: UInt16) -> UInt16? {
        guard let bytes = elements[element], bytes.count == 2 else { return nil }
        return UInt16(bytes[0]) | UInt16(bytes[1]) << 8
    }

    /// A UI or AE value without its padding.
    package func string(_ element: UInt16) -> String? {
        guard let bytes = elements[element] else { return nil }
        return PDUReader.trimmed(bytes[...])
    }

    /// Sets a US value.
    package mutating func set(_ element: UInt16, uint16 value: UInt16) {
        elements[element] = [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    /// Sets a UI value (NUL-padded to even length) or an AE value (space-padded) .
    package mutating func set(_ element: UInt16, string value: String, padding: UInt8 = 0) {
        var bytes = Array(value.utf8)
        if bytes.count % 2 == 1 { bytes.append(padding) }
        elements[element] = bytes
    }

    /// (0000,0100).
    package var commandField: UInt16? { uint16(Self.commandField) }
    /// (0000,0110).
    package var messageID: UInt16? { uint16(Self.messageID) }
    /// Whether (0000,0800) says a data set follows.
    package var hasDataSet: Bool { uint16(Self.commandDataSetType).map { $0 != Self.noDataSet } ?? false }
    /// (0000,0002).
    package var affectedSOPClassUID: String? { string(Self.affectedSOPClassUID) }
    /// (0000,1000).
    package var affectedSOPInstanceUID: String? { string(Self.affectedSOPInstanceUID) }
    /// (0000,0900).
    package var status: UInt16? { uint16(Self.status) }
}

/// DIMSE command field values (PS3.7 Annex E).
package enum CommandField: UInt16, Sendable {
    case storeRequest = 0x0001
    case storeResponse = 0x8001
    case echoRequest = 0x0030
    case echoResponse = 0x8030
}
