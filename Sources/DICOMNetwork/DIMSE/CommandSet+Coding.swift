extension CommandSet {
    /// The longest command set accepted: real ones are a few hundred bytes.
    package static let maximumEncodedLength = 65_536

    /// Encodes the command set in implicit VR little endian, elements in ascending order, preceded by the
    /// CommandGroupLength (0000,0000) UL that PS3.7 §6.3.1 requires.
    package func encoded() -> [UInt8] {
        var group: [UInt8] = []
        for element in elements.keys.sorted() where element != 0 {
            let value = elements[element] ?? []
            Self.appendHeader(element, length: UInt32(value.count), to: &group)
            group.append(contentsOf: value)
        }
        var out: [UInt8] = []
        out.reserveCapacity(12 + group.count)
        Self.appendHeader(0, length: 4, to: &out)
        Self.append32(UInt32(group.count), to: &out)
        out.append(contentsOf: group)
        return out
    }

    /// Decodes an implicit VR little endian command set; every element must be in group 0000 and fit.
    package static func decode(_ bytes: [UInt8]) throws(CommandSetError) -> CommandSet {
        var elements: [UInt16: [UInt8]] = [:]
        var index = 0
        while index < bytes.count {
            guard bytes.count - index >= 8 else { throw CommandSetError(offset: index, "truncated element header") }
            let group = UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
            let element = UInt16(bytes[index + 2]) | UInt16(bytes[index + 3]) << 8
            let length = Int(
                UInt32(bytes[index + 4]) | UInt32(bytes[index + 5]) << 8 | UInt32(bytes[index + 6]) << 16
                    | UInt32(bytes[index + 7]) << 24
            )
            guard group == 0 else { throw CommandSetError(offset: index, "element outside group 0000") }
            guard length <= bytes.count - index - 8 else {
                throw CommandSetError(offset: index, "element (0000,\(String(element, radix: 16))) runs past the end")
            }
            elements[element] = Array(bytes[(index + 8)..<(index + 8 + length)])
            index += 8 + length
        }
        let command = CommandSet(elements: elements)
        guard command.commandField != nil else { throw CommandSetError(offset: 0, "no CommandField (0000,0100)") }
        return command
    }

    // MARK: - Responses

    /// A response to `request` with `status`: command field with bit 15 set, the request's message ID and SOP
    /// class and instance echoed, no data set (PS3.7 §9.3.1.2, §9.3.5.2).
    package static func response(to request: CommandSet, status: DIMSEStatus) -> CommandSet {
        var response = CommandSet()
        response.set(commandField, uint16: (request.commandField ?? 0) | 0x8000)
        response.set(messageIDBeingRespondedTo, uint16: request.messageID ?? 0)
        response.set(commandDataSetType, uint16: noDataSet)
        response.set(Self.status, uint16: status.rawValue)
        if let sopClass = request.affectedSOPClassUID { response.set(affectedSOPClassUID, string: sopClass) }
        if let sopInstance = request.affectedSOPInstanceUID {
            response.set(affectedSOPInstanceUID, string: sopInstance)
        }
        return response
    }

    private static func appendHeader(_ element: UInt16, length: UInt32, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: [0, 0, UInt8(element & 0xFF), UInt8(element >> 8)])
        append32(length, to: &bytes)
    }

    private static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: [
            UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24),
        ])
    }
}

/// Why a command set could not be read; the association is aborted.
package struct CommandSetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset in the command set.
    package var offset: Int
    /// One sentence for the log.
    package var message: String

    init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }

    package var description: String { "\(message) (offset \(offset))" }
}
