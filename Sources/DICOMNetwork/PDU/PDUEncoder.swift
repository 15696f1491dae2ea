/// Encodes PDUs to bytes (PS3.8 §9.3): pure; each PDU becomes one array, written to the socket in one write.
package enum PDUEncoder {
    /// The whole PDU: type, reserved byte, 4-byte big-endian length, variable field.
    package static func encode(_ pdu: PDU) -> [UInt8] {
        var body: [UInt8] = []
        switch pdu {
        case .associateRequest(let request):
            fixedFields(request.protocolVersion, request.calledAETitle, request.callingAETitle, into: &body)
            item(0x10, Array(request.applicationContextName.utf8), into: &body)
            for context in request.presentationContexts {
                var value: [UInt8] = [context.id, 0, 0, 0]
                item(0x30, Array(context.abstractSyntax.utf8), into: &value)
                for syntax in context.transferSyntaxes { item(0x40, Array(syntax.utf8), into: &value) }
                item(0x20, value, into: &body)
            }
            userInformation(request.userInformation, into: &body)
        case .associateAccept(let accept):
            fixedFields(accept.protocolVersion, accept.calledAETitle, accept.callingAETitle, into: &body)
            item(0x10, Array(accept.applicationContextName.utf8), into: &body)
            for context in accept.presentationContexts {
                var value: [UInt8] = [context.id, 0, context.result.rawValue, 0]
                item(0x40, Array(context.transferSyntax.utf8), into: &value)
                item(0x21, value, into: &body)
            }
            userInformation(accept.userInformation, into: &body)
        case .associateReject(let reject):
            body = [0, reject.result, reject.source, reject.reason]
        case .data(let values):
            for value in values {
                append32(UInt32(value.data.count + 2), to: &body)
                body.append(value.contextID)
                body.append((value.isCommand ? 1 : 0) | (value.isLast ? 2 : 0))
                body.append(contentsOf: value.data)
            }
        case .releaseRequest, .releaseResponse:
            body = [0, 0, 0, 0]
        case .abort(let abort):
            body = [0, 0, abort.source, abort.reason]
        }
        var out: [UInt8] = [pdu.type, 0]
        out.reserveCapacity(6 + body.count)
        append32(UInt32(body.count), to: &out)
        out.append(contentsOf: body)
        return out
    }

    /// The P-DATA-TF PDUs that carry `bytes` as one command or data set on `contextID`, each PDU's variable field
    /// at most `maximumLength` (the peer's announced maximum; 0 means no limit).
    package static func dataPDUs(
        _ bytes: [UInt8],
        contextID: UInt8,
        isCommand: Bool,
        maximumLength: UInt32
    ) -> [PDU] {
        // 6 bytes of PDV header per fragment; a peer announcing less than 7 gets 1-byte fragments.
        let limit = maximumLength == 0 ? Int.max : max(1, Int(maximumLength) - 6)
        var pdus: [PDU] = []
        var start = 0
        repeat {
            let end = min(bytes.count, start &+ limit)
            pdus.append(
                .data([
                    PresentationDataValue(
                        contextID: contextID,
                        isCommand: isCommand,
                        isLast: end == bytes.count,
                        data: bytes[start..<end]
                    )
                ])
            )
            start = end
        } while start < bytes.count
        return pdus
    }

    private static func fixedFields(_ version: UInt16, _ called: String, _ calling: String, into body: inout [UInt8]) {
        body.append(UInt8(version >> 8))
        body.append(UInt8(version & 0xFF))
        body.append(contentsOf: [0, 0])
        body.append(contentsOf: aeTitle(called))
        body.append(contentsOf: aeTitle(calling))
        body.append(contentsOf: [UInt8](repeating: 0, count: 32))
    }

    /// An AE title field: 16 bytes, space-padded (PS3.8 §9.3.2).
    static func aeTitle(_ title: String) -> [UInt8] {
        let bytes = Array(title.utf8.prefix(16))
        return bytes + [UInt8](repeating: 0x20, count: 16 - bytes.count)
    }

    private static func userInformation(_ information: UserInformation, into body: inout [UInt8]) {
        var value: [UInt8] = []
        var length: [UInt8] = []
        append32(information.maximumLength, to: &length)
        item(0x51, length, into: &value)
        item(0x52, Array(information.implementationClassUID.utf8), into: &value)
        if let name = information.implementationVersionName { item(0x55, Array(name.utf8), into: &value) }
        item(0x50, value, into: &body)
    }

    private static func item(_ type: UInt8, _ value: [UInt8], into body: inout [UInt8]) {
        body.append(type)
        body.append(0)
        body.append(UInt8(value.count >> 8 & 0xFF))
        body.append(UInt8(value.count & 0xFF))
        body.append(contentsOf: value)
    }

    private static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(value >> 24))
        bytes.append(UInt8(value >> 16 & 0xFF))
        bytes.append(UInt8(value >> 8 & 0xFF))
        bytes.append(UInt8(value & 0xFF))
    }
}
