/// Decodes the variable items of A-ASSOCIATE-RQ and -AC (PS3.8 §9.3.2–9.3.3, PS3.7 Annex D.3.3). Every item and
/// sub-item length is checked against its enclosing item, so a length past the PDU (the CVE-2015-8979 class) is
/// an error, never a read out of bounds.
enum AssociationItemsDecoder {
    /// The most presentation contexts one request may propose (IDs are odd bytes, so at most 128 are valid).
    static let maximumPresentationContexts = 128

    struct Header {
        var protocolVersion: UInt16
        var calledAETitle: String
        var callingAETitle: String
    }

    static func request(_ reader: inout PDUReader) throws(PDUDecodingError) -> AssociateRequest {
        let header = try fixedFields(&reader)
        var applicationContext: String?
        var contexts: [ProposedPresentationContext] = []
        var user: UserInformation?
        while !reader.isAtEnd {
            let (type, start, item) = try nextItem(&reader)
            var itemReader = PDUReader(item, baseOffset: start + 4)
            switch type {
            case 0x10: applicationContext = PDUReader.trimmed(item)
            case 0x20:
                guard contexts.count < maximumPresentationContexts else {
                    throw PDUDecodingError(.invalidValue, offset: start, "more than 128 presentation contexts")
                }
                contexts.append(try proposedContext(&itemReader))
            case 0x50: user = try userInformation(&itemReader)
            default: continue
            }
        }
        guard let applicationContext else {
            throw PDUDecodingError(.invalidValue, offset: 74, "no application context item")
        }
        return AssociateRequest(
            protocolVersion: header.protocolVersion,
            calledAETitle: header.calledAETitle,
            callingAETitle: header.callingAETitle,
            applicationContextName: applicationContext,
            presentationContexts: contexts,
            userInformation: user ?? UserInformation(maximumLength: 0, implementationClassUID: "")
        )
    }

    static func accept(_ reader: inout PDUReader) throws(PDUDecodingError) -> AssociateAccept {
        let header = try fixedFields(&reader)
        var applicationContext = ""
        var contexts: [AcceptedPresentationContext] = []
        var user = UserInformation(maximumLength: 0, implementationClassUID: "")
        while !reader.isAtEnd {
            let (type, start, item) = try nextItem(&reader)
            var itemReader = PDUReader(item, baseOffset: start + 4)
            switch type {
            case 0x10: applicationContext = PDUReader.trimmed(item)
            case 0x21:
                let id = try itemReader.uint8()
                try itemReader.skip(1)
                let resultByte = try itemReader.uint8()
                try itemReader.skip(1)
                var syntax = ""
                while !itemReader.isAtEnd {
                    let (subType, _, sub) = try nextItem(&itemReader)
                    if subType == 0x40 { syntax = PDUReader.trimmed(sub) }
                }
                guard let result = AcceptedPresentationContext.Result(rawValue: resultByte) else {
                    throw PDUDecodingError(.invalidValue, offset: start + 6, "presentation context result \(resultByte)")
                }
                contexts.append(AcceptedPresentationContext(id: id, result: result, transferSyntax: syntax))
            case 0x50: user = try userInformation(&itemReader)
            default: continue
            }
        }
        return AssociateAccept(
            protocolVersion: header.protocolVersion,
            calledAETitle: header.calledAETitle,
            callingAETitle: header.callingAETitle,
            applicationContextName: applicationContext,
            presentationContexts: contexts,
            userInformation: user
        )
    }

    /// Bytes 7–74: protocol version, 2 reserved, called AE (16), calling AE (16), 32 reserved.
    private static func fixedFields(_ reader: inout PDUReader) throws(PDUDecodingError) -> Header {
        let version = try reader.uint16()
        try reader.skip(2)
        let called = try reader.text(16, "the called AE title")
        let calling = try reader.text(16, "the calling AE title")
        try reader.skip(32)
        return Header(protocolVersion: version, calledAETitle: called, callingAETitle: calling)
    }

    /// One item: type (1), reserved (1), length (2), value.
    static func nextItem(
        _ reader: inout PDUReader
    ) throws(PDUDecodingError) -> (type: UInt8, start: Int, value: ArraySlice<UInt8>) {
        let start = reader.offset
        let type = try reader.uint8()
        try reader.skip(1)
        let length = Int(try reader.uint16())
        return (type, start, try reader.take(length, "item 0x\(String(type, radix: 16))"))
    }

    private static func proposedContext(
        _ reader: inout PDUReader
    ) throws(PDUDecodingError) -> ProposedPresentationContext {
        let start = reader.offset
        let id = try reader.uint8()
        try reader.skip(3)
        var abstractSyntax: String?
        var transferSyntaxes: [String] = []
        while !reader.isAtEnd {
            let (type, _, value) = try nextItem(&reader)
            switch type {
            case 0x30: abstractSyntax = PDUReader.trimmed(value)
            case 0x40: transferSyntaxes.append(PDUReader.trimmed(value))
            default: continue
            }
        }
        guard let abstractSyntax else {
            throw PDUDecodingError(.invalidValue, offset: start, "presentation context \(id) has no abstract syntax")
        }
        return ProposedPresentationContext(id: id, abstractSyntax: abstractSyntax, transferSyntaxes: transferSyntaxes)
    }

    private static func userInformation(_ reader: inout PDUReader) throws(PDUDecodingError) -> UserInformation {
        var information = UserInformation(maximumLength: 0, implementationClassUID: "")
        while !reader.isAtEnd {
            let (type, start, value) = try nextItem(&reader)
            switch type {
            case 0x51:
                guard value.count == 4 else {
                    throw PDUDecodingError(.invalidValue, offset: start, "maximum length sub-item of \(value.count) bytes")
                }
                var sub = PDUReader(value, baseOffset: start + 4)
                information.maximumLength = try sub.uint32()
            case 0x52: information.implementationClassUID = PDUReader.trimmed(value)
            case 0x55: information.implementationVersionName = PDUReader.trimmed(value)
            default: continue
            }
        }
        return information
    }
}
