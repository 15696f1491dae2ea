import DICOMNetwork
import Testing

@Suite struct AssociationStateMachineTests {
    static let policy = AssociationPolicy(aeTitle: "XNAT", allowedCallingAETitles: ["SCANNER"], maximumPDULength: 16384)

    static func request(calling: String = "SCANNER", called: String = "XNAT") -> AssociateRequest {
        var request = PDUCodecTests.request
        request.callingAETitle = calling
        request.calledAETitle = called
        return request
    }

    static func established() -> AssociationStateMachine {
        var machine = AssociationStateMachine(policy: policy)
        _ = machine.received(.associateRequest(request()))
        return machine
    }

    static func command(_ field: CommandField, hasDataSet: Bool, sopClass: String = "1.2.840.10008.5.1.4.1.1.4") -> [UInt8] {
        var command = CommandSet()
        command.set(CommandSet.commandField, uint16: field.rawValue)
        command.set(CommandSet.messageID, uint16: 1)
        command.set(CommandSet.affectedSOPClassUID, string: sopClass)
        command.set(CommandSet.affectedSOPInstanceUID, string: "1.2.3.4")
        command.set(CommandSet.commandDataSetType, uint16: hasDataSet ? 0 : CommandSet.noDataSet)
        return command.encoded()
    }

    static func pdv(_ bytes: [UInt8], context: UInt8 = 3, command: Bool, last: Bool = true) -> PDU {
        .data([PresentationDataValue(contextID: context, isCommand: command, isLast: last, data: bytes[...])])
    }

    @Test func acceptsAndNegotiates() throws {
        var machine = AssociationStateMachine(policy: Self.policy)
        let actions = machine.received(.associateRequest(Self.request()))
        guard case .send(.associateAccept(let accept)) = actions.first else { Issue.record("no accept"); return }
        #expect(accept.presentationContexts.map(\.result) == [.acceptance, .acceptance])
        #expect(accept.presentationContexts[1].transferSyntax == "1.2.840.10008.1.2.4.70")
        #expect(accept.userInformation.maximumLength == 16384)
        #expect(actions.contains(.setTimer(.idle)))
    }

    /// A receiver running its maximum of associations turns the next one away for now (transient rejection).
    @Test func rejectsTransientlyAtCapacity() {
        var machine = AssociationStateMachine(policy: Self.policy, isAtCapacity: true)
        #expect(
            machine.received(.associateRequest(Self.request()))
                == [.sendAndClose(.associateReject(.localLimitExceeded))]
        )
        #expect(machine.isClosed)
    }

    @Test func rejectsUnknownCallingAndCalledAE() {
        var machine = AssociationStateMachine(policy: Self.policy)
        #expect(
            machine.received(.associateRequest(Self.request(calling: "INTRUDER")))
                == [.sendAndClose(.associateReject(.callingAETitleNotRecognized))]
        )
        var other = AssociationStateMachine(policy: Self.policy)
        #expect(
            other.received(.associateRequest(Self.request(called: "ORTHANC")))
                == [.sendAndClose(.associateReject(.calledAETitleNotRecognized))]
        )
    }

    @Test func echoIsAnsweredAtOnce() throws {
        var machine = Self.established()
        let actions = machine.received(Self.pdv(Self.command(.echoRequest, hasDataSet: false, sopClass: "1.2.840.10008.1.1"), context: 1, command: true))
        guard case .send(.data(let values))? = actions.first else { Issue.record("no response"); return }
        let response = try CommandSet.decode(Array(values[0].data))
        #expect(response.commandField == CommandField.echoResponse.rawValue && response.status == 0)
    }

    @Test func storeStreamsFragmentsThenResponds() throws {
        var machine = Self.established()
        let begin = machine.received(Self.pdv(Self.command(.storeRequest, hasDataSet: true), command: true))
        guard case .beginDataSet(let store)? = begin.first else { Issue.record("no begin"); return }
        #expect(store.transferSyntaxUID == "1.2.840.10008.1.2.4.70" && store.callingAETitle == "SCANNER")
        #expect(machine.received(Self.pdv([1, 2], command: false, last: false)) == [.writeDataSet([1, 2][...])])
        #expect(machine.received(Self.pdv([3], command: false)) == [.writeDataSet([3][...]), .finishDataSet(store)])
        let response = machine.storeFinished(.outOfResources)
        guard case .send(.data(let values))? = response.first else { Issue.record("no response"); return }
        #expect(try CommandSet.decode(Array(values[0].data)).status == 0xA700)
        #expect(machine.received(.releaseRequest) == [.sendAndClose(.releaseResponse)])
    }

    @Test func storeOnTheWrongContextIsRefusedAfterItsDataSet() throws {
        var machine = Self.established()
        #expect(machine.received(Self.pdv(Self.command(.storeRequest, hasDataSet: true, sopClass: "1.2.840.10008.5.1.4.1.1.2"), command: true)) == [])
        let actions = machine.received(Self.pdv([1], command: false))
        guard case .send(.data(let values))? = actions.first else { Issue.record("no response"); return }
        #expect(try CommandSet.decode(Array(values[0].data)).status == 0x0122)
    }

    @Test func protocolViolationsAbort() {
        var early = AssociationStateMachine(policy: Self.policy)
        #expect(early.received(.releaseRequest) == [.abort(.provider(.unexpectedPDU), reason: "A-RELEASE-RQ before A-ASSOCIATE-RQ")])
        var dataFirst = Self.established()
        guard case .abort? = dataFirst.received(Self.pdv([1], command: false)).last else { Issue.record("no abort"); return }
        var unknownContext = Self.established()
        guard case .abort? = unknownContext.received(Self.pdv([1], context: 5, command: true)).last else { Issue.record("no abort"); return }
        var midStore = Self.established()
        _ = midStore.received(Self.pdv(Self.command(.storeRequest, hasDataSet: true), command: true))
        #expect(midStore.received(.associateRequest(Self.request())).first == .discardDataSet)
        #expect(midStore.isClosed)
    }

    @Test func timers() {
        var waiting = AssociationStateMachine(policy: Self.policy)
        #expect(waiting.timerExpired() == [.close])
        var idle = Self.established()
        #expect(idle.timerExpired() == [.abort(.provider(.notSpecified), reason: "idle timeout")])
    }

    @Test func malformedBytesAbort() {
        var machine = Self.established()
        let error = PDUDecodingError(.tooLong, offset: 2, "too long")
        #expect(machine.decodingFailed(error) == [.abort(.provider(.invalidPDUParameterValue), reason: error.description)])
    }
}
