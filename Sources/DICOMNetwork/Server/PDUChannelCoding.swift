import NIOCore

/// Adapts the pure ``PDUDecoder`` to NIO: bytes in, ``AssociationEvent``s out. A decoding error becomes a
/// `.malformed` event (so the association can answer with an A-ABORT) and every later byte is dropped.
struct PDUChannelDecoder: ByteToMessageDecoder {
    typealias InboundOut = AssociationEvent

    private var decoder: PDUDecoder
    private var failed = false

    init(maximumDataLength: Int) {
        decoder = PDUDecoder(maximumDataLength: maximumDataLength)
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard buffer.readableBytes > 0 else { return .needMoreData }
        if failed {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            return .needMoreData
        }
        buffer.withUnsafeReadableBytes { decoder.append($0) }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        do {
            while let pdu = try decoder.next() {
                context.fireChannelRead(wrapInboundOut(.pdu(pdu)))
            }
        } catch {
            failed = true
            context.fireChannelRead(wrapInboundOut(.malformed(error)))
        }
        return .needMoreData
    }

    mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        _ = try decode(context: context, buffer: &buffer)
        return .needMoreData
    }
}

/// Adapts ``PDUEncoder`` to NIO: one PDU becomes one buffer, so it leaves in one write (the Nagle trap:
/// a reply written in pieces stalls senders that keep Nagle's algorithm on).
struct PDUChannelEncoder: MessageToByteEncoder {
    typealias OutboundIn = PDU

    func encode(data: PDU, out: inout ByteBuffer) throws {
        out.writeBytes(PDUEncoder.encode(data))
    }
}
