/// Splits the bytes of a connection into PDUs (PS3.8 §9.3): pure, fed bytes in pieces of any size.
///
/// Append what arrived, then call ``next()`` until it returns `nil` (more bytes needed). Memory is bounded: a
/// P-DATA-TF longer than ``maximumDataLength`` (the maximum PDU length Sluice announced) and any other PDU longer
/// than ``maximumOtherLength`` are refused from their 6-byte header, before their body is buffered. After an
/// error the decoder stays failed; the association aborts and closes.
package struct PDUDecoder: Sendable {
    /// The longest P-DATA-TF variable field accepted: the maximum length Sluice announced in its A-ASSOCIATE-AC.
    package var maximumDataLength: Int
    /// The longest variable field of any other PDU (an A-ASSOCIATE-RQ with many contexts is a few KiB).
    package var maximumOtherLength: Int

    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var failure: PDUDecodingError?

    /// A decoder with the given limits.
    package init(maximumDataLength: Int, maximumOtherLength: Int = 65_536) {
        self.maximumDataLength = maximumDataLength
        self.maximumOtherLength = maximumOtherLength
    }

    /// How many bytes are buffered and not yet decoded.
    package var bufferedByteCount: Int { buffer.count - readIndex }

    /// Adds bytes received from the peer.
    package mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        if readIndex > 0, readIndex >= buffer.count / 2 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next whole PDU, or `nil` when more bytes are needed.
    package mutating func next() throws(PDUDecodingError) -> PDU? {
        if let failure { throw failure }
        do throws(PDUDecodingError) {
            guard bufferedByteCount >= 6 else { return nil }
            let type = buffer[readIndex]
            let length = Int(
                UInt32(buffer[readIndex + 2]) << 24 | UInt32(buffer[readIndex + 3]) << 16
                    | UInt32(buffer[readIndex + 4]) << 8 | UInt32(buffer[readIndex + 5])
            )
            guard (0x01...0x07).contains(type) else {
                throw PDUDecodingError(.unrecognizedPDU, offset: 0, "unknown PDU type 0x\(String(type, radix: 16))")
            }
            let limit = type == 0x04 ? maximumDataLength : maximumOtherLength
            guard length <= limit else {
                throw PDUDecodingError(.tooLong, offset: 2, "PDU length \(length) exceeds the limit of \(limit)")
            }
            guard bufferedByteCount >= 6 + length else { return nil }
            let body = buffer[(readIndex + 6)..<(readIndex + 6 + length)]
            let pdu = try Self.decode(type: type, body: body)
            readIndex += 6 + length
            if readIndex == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                readIndex = 0
            }
            return pdu
        } catch {
            failure = error
            throw error
        }
    }

    /// Decodes one PDU's variable field (everything after the 6-byte header).
    package static func decode(type: UInt8, body: ArraySlice<UInt8>) throws(PDUDecodingError) -> PDU {
        var reader = PDUReader(body, baseOffset: 6)
        switch type {
        case 0x01: return .associateRequest(try AssociationItemsDecoder.request(&reader))
        case 0x02: return .associateAccept(try AssociationItemsDecoder.accept(&reader))
        case 0x03:
            try fixedLength(body, 4)
            try reader.skip(1)
            return .associateReject(
                AssociateReject(result: try reader.uint8(), source: try reader.uint8(), reason: try reader.uint8())
            )
        case 0x04: return .data(try dataValues(&reader))
        case 0x05, 0x06:
            try fixedLength(body, 4)
            return type == 0x05 ? .releaseRequest : .releaseResponse
        case 0x07:
            try fixedLength(body, 4)
            try reader.skip(2)
            return .abort(Abort(source: try reader.uint8(), reason: try reader.uint8()))
        default:
            throw PDUDecodingError(.unrecognizedPDU, offset: 0, "unknown PDU type 0x\(String(type, radix: 16))")
        }
    }

    private static func fixedLength(_ body: ArraySlice<UInt8>, _ length: Int) throws(PDUDecodingError) {
        guard body.count == length else {
            throw PDUDecodingError(.invalidValue, offset: 2, "PDU length \(body.count), expected \(length)")
        }
    }

    /// PS3.8 §9.3.5: item length (4), context ID (1), message control header (1), fragment.
    private static func dataValues(_ reader: inout PDUReader) throws(PDUDecodingError) -> [PresentationDataValue] {
        var values: [PresentationDataValue] = []
        while !reader.isAtEnd {
            let start = reader.offset
            let length = Int(try reader.uint32())
            guard length >= 2 else {
                throw PDUDecodingError(.invalidValue, offset: start, "PDV item length \(length) is below 2")
            }
            guard length <= reader.remaining else {
                throw PDUDecodingError(.truncated, offset: start, "PDV item length \(length) runs past the PDU")
            }
            let contextID = try reader.uint8()
            let header = try reader.uint8()
            guard contextID & 1 == 1 else {
                throw PDUDecodingError(.invalidValue, offset: start + 4, "even presentation context ID \(contextID)")
            }
            guard header & 0xFC == 0 else {
                throw PDUDecodingError(.invalidValue, offset: start + 5, "reserved message control bits set")
            }
            let data = try reader.take(length - 2, "PDV data")
            values.append(
                PresentationDataValue(contextID: contextID, isCommand: header & 1 == 1, isLast: header & 2 == 2, data: data)
            )
        }
        guard !values.isEmpty else {
            throw PDUDecodingError(.invalidValue, offset: 6, "P-DATA-TF without presentation data values")
        }
        return values
    }
}
