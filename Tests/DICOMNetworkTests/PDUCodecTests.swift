import DICOMNetwork
import Testing

@Suite struct PDUCodecTests {
    static let request = AssociateRequest(
        calledAETitle: "XNAT",
        callingAETitle: "SCANNER",
        presentationContexts: [
            ProposedPresentationContext(id: 1, abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"]),
            ProposedPresentationContext(
                id: 3,
                abstractSyntax: "1.2.840.10008.5.1.4.1.1.4",
                transferSyntaxes: ["1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.1"]
            ),
        ],
        userInformation: UserInformation(maximumLength: 16384, implementationClassUID: "1.2.3", implementationVersionName: "X")
    )

    static let samples: [PDU] = [
        .associateRequest(request),
        .associateAccept(
            AssociateAccept(
                calledAETitle: "XNAT",
                callingAETitle: "SCANNER",
                presentationContexts: [AcceptedPresentationContext(id: 1, result: .acceptance, transferSyntax: "1.2.840.10008.1.2")],
                userInformation: UserInformation(maximumLength: 0, implementationClassUID: "1.2.3")
            )
        ),
        .associateReject(.callingAETitleNotRecognized),
        .data([
            PresentationDataValue(contextID: 1, isCommand: true, isLast: true, data: [1, 2, 3][...]),
            PresentationDataValue(contextID: 3, isCommand: false, isLast: false, data: [][...]),
        ]),
        .releaseRequest, .releaseResponse, .abort(.provider(.unexpectedPDU)),
    ]

    @Test(arguments: samples)
    func roundTrip(_ pdu: PDU) throws {
        var decoder = PDUDecoder(maximumDataLength: 1 << 20)
        decoder.append(PDUEncoder.encode(pdu))
        #expect(try decoder.next() == pdu)
        #expect(try decoder.next() == nil)
    }

    @Test func byteByByteGivesTheSamePDUs() throws {
        let bytes = Self.samples.flatMap(PDUEncoder.encode)
        var decoder = PDUDecoder(maximumDataLength: 1 << 20)
        var decoded: [PDU] = []
        for byte in bytes {
            decoder.append([byte])
            while let pdu = try decoder.next() { decoded.append(pdu) }
        }
        #expect(decoded == Self.samples)
    }

    @Test func dataPDUsRespectThePeersMaximum() {
        let pdus = PDUEncoder.dataPDUs(Array(repeating: 7, count: 100), contextID: 1, isCommand: false, maximumLength: 46)
        #expect(pdus.count == 3)
        for pdu in pdus { #expect(PDUEncoder.encode(pdu).count - 6 <= 46) }
    }

    // MARK: - Malformed input

    static func decodeError(_ bytes: [UInt8], maximum: Int = 1024) -> PDUDecodingError? {
        var decoder = PDUDecoder(maximumDataLength: maximum)
        decoder.append(bytes)
        do {
            _ = try decoder.next()
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownPDUType() {
        #expect(Self.decodeError([0x09, 0, 0, 0, 0, 4, 0, 0, 0, 0])?.kind == .unrecognizedPDU)
        #expect(Self.decodeError(Array("GARBAGE!GARBAGE!".utf8))?.kind == .unrecognizedPDU)
    }

    @Test func hugeLengthIsRefusedFromTheHeader() {
        #expect(Self.decodeError([0x04, 0, 0xFF, 0xFF, 0xFF, 0xFF])?.kind == .tooLong)
        #expect(Self.decodeError([0x01, 0, 0x7F, 0xFF, 0xFF, 0xFF])?.kind == .tooLong)
    }

    @Test func dataPDUOverTheNegotiatedMaximum() {
        let pdu = PDUEncoder.encode(.data([PresentationDataValue(contextID: 1, isCommand: false, isLast: true, data: Array(repeating: 0, count: 2000)[...])]))
        #expect(Self.decodeError(pdu, maximum: 1024)?.kind == .tooLong)
    }

    @Test func truncatedPDVAndItems() {
        // P-DATA-TF of 10 bytes whose PDV claims 100.
        #expect(Self.decodeError([0x04, 0, 0, 0, 0, 10, 0, 0, 0, 100, 1, 3, 0, 0, 0, 0])?.kind == .truncated)
        // PDV length below 2, even context ID, no PDVs at all.
        #expect(Self.decodeError([0x04, 0, 0, 0, 0, 6, 0, 0, 0, 1, 1, 3])?.kind == .invalidValue)
        #expect(Self.decodeError([0x04, 0, 0, 0, 0, 6, 0, 0, 0, 2, 2, 3])?.kind == .invalidValue)
        #expect(Self.decodeError([0x04, 0, 0, 0, 0, 0])?.kind == .invalidValue)
        // A-ASSOCIATE-RQ whose presentation context item length runs past the PDU (CVE-2015-8979 class).
        var request = PDUEncoder.encode(.associateRequest(Self.request))
        let contextItem = request[74...].firstIndex(of: 0x20)!
        request[contextItem + 2] = 0x7F
        #expect(Self.decodeError(request, maximum: 1 << 20)?.kind == .truncated)
        // A-ASSOCIATE-RQ cut short inside its fixed fields.
        #expect(Self.decodeError([0x01, 0, 0, 0, 0, 10, 0, 1, 0, 0, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41])?.kind == .truncated)
    }

    @Test func wrongFixedLengths() {
        #expect(Self.decodeError([0x05, 0, 0, 0, 0, 2, 0, 0])?.kind == .invalidValue)
        #expect(Self.decodeError([0x07, 0, 0, 0, 0, 3, 0, 0, 0])?.kind == .invalidValue)
    }

    @Test func decoderStaysFailed() {
        var decoder = PDUDecoder(maximumDataLength: 1024)
        decoder.append([0x09, 0, 0, 0, 0, 0])
        #expect(throws: PDUDecodingError.self) { try decoder.next() }
        decoder.append(PDUEncoder.encode(.releaseRequest))
        #expect(throws: PDUDecodingError.self) { try decoder.next() }
    }

    @Test func commandSetRoundTrip() throws {
        var command = CommandSet()
        command.set(CommandSet.commandField, uint16: CommandField.storeRequest.rawValue)
        command.set(CommandSet.messageID, uint16: 7)
        command.set(CommandSet.affectedSOPClassUID, string: "1.2.840.10008.5.1.4.1.1.4")
        command.set(CommandSet.commandDataSetType, uint16: 0)
        let decoded = try CommandSet.decode(command.encoded())
        #expect(decoded.commandField == 1 && decoded.messageID == 7 && decoded.hasDataSet)
        #expect(decoded.affectedSOPClassUID == "1.2.840.10008.5.1.4.1.1.4")
        #expect(throws: CommandSetError.self) { try CommandSet.decode([0, 0, 0, 1, 0xFF, 0, 0, 0]) }
    }
}
