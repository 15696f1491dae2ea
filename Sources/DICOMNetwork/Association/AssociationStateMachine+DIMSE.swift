extension AssociationStateMachine {
    /// One PDV of a P-DATA-TF: command fragments are gathered (a command set is small), data set fragments are
    /// passed on to be written as they come.
    mutating func receive(_ value: PresentationDataValue, in association: inout Established) -> [AssociationAction] {
        switch association.message {
        case .none:
            guard value.isCommand else { return abort(.unexpectedPDUParameter, "data set fragment without a command") }
            guard association.contexts[value.contextID] != nil else {
                return abort(.invalidPDUParameterValue, "PDV on presentation context \(value.contextID), not accepted")
            }
            association.message = .command(contextID: value.contextID, bytes: [])
            return receive(value, in: &association)
        case .command(let contextID, var bytes):
            guard value.isCommand, value.contextID == contextID else {
                return abort(.unexpectedPDUParameter, "command fragment expected on context \(contextID)")
            }
            guard bytes.count + value.data.count <= CommandSet.maximumEncodedLength else {
                return abort(.invalidPDUParameterValue, "command set longer than \(CommandSet.maximumEncodedLength)")
            }
            bytes.append(contentsOf: value.data)
            guard value.isLast else {
                association.message = .command(contextID: contextID, bytes: bytes)
                return []
            }
            association.message = .none
            return command(bytes, contextID: contextID, in: &association)
        case .dataSet(let contextID, let command, let store, let status):
            guard !value.isCommand, value.contextID == contextID else {
                return abort(.unexpectedPDUParameter, "data set fragment expected on context \(contextID)")
            }
            var actions: [AssociationAction] = []
            if store != nil, !value.data.isEmpty { actions.append(.writeDataSet(value.data)) }
            guard value.isLast else { return actions }
            if let store {
                association.message = .awaitingStore(store)
                return actions + [.finishDataSet(store)]
            }
            association.message = .none
            return respond(to: command, status: status, contextID: contextID, in: association)
        case .awaitingStore:
            return abort(.unexpectedPDU, "PDV before the C-STORE response (one operation at a time)")
        }
    }

    /// A complete command set: C-ECHO is answered at once; C-STORE waits for its data set.
    private mutating func command(
        _ bytes: [UInt8],
        contextID: UInt8,
        in association: inout Established
    ) -> [AssociationAction] {
        let command: CommandSet
        do {
            command = try CommandSet.decode(bytes)
        } catch {
            return abort(.invalidPDUParameterValue, "unreadable command set: \(error)")
        }
        let context = association.contexts[contextID] ?? ("", "")
        switch CommandField(rawValue: command.commandField ?? 0) {
        case .echoRequest:
            guard !command.hasDataSet else {
                association.message = .dataSet(contextID: contextID, command: command, store: nil, status: .success)
                return []
            }
            return respond(to: command, status: .success, contextID: contextID, in: association)
        case .storeRequest:
            var status = DIMSEStatus.success
            let sopClass = command.affectedSOPClassUID ?? ""
            let sopInstance = command.affectedSOPInstanceUID ?? ""
            if sopInstance.isEmpty || sopClass.isEmpty {
                status = .cannotUnderstand
            } else if sopClass != context.abstractSyntax {
                status = .sopClassNotSupported
            }
            guard command.hasDataSet else {
                return respond(to: command, status: .cannotUnderstand, contextID: contextID, in: association)
            }
            guard status == .success else {
                association.message = .dataSet(contextID: contextID, command: command, store: nil, status: status)
                return []
            }
            let store = StoreRequest(
                contextID: contextID,
                command: command,
                sopClassUID: sopClass,
                sopInstanceUID: sopInstance,
                transferSyntaxUID: context.transferSyntax,
                callingAETitle: association.request.callingAETitle,
                calledAETitle: association.request.calledAETitle
            )
            association.message = .dataSet(contextID: contextID, command: command, store: store, status: .success)
            return [.beginDataSet(store)]
        default:
            guard !command.hasDataSet else {
                association.message = .dataSet(
                    contextID: contextID,
                    command: command,
                    store: nil,
                    status: .unrecognizedOperation
                )
                return []
            }
            return respond(to: command, status: .unrecognizedOperation, contextID: contextID, in: association)
        }
    }

    /// The response command on `contextID`, split to the peer's maximum PDU length.
    func respond(
        to command: CommandSet,
        status: DIMSEStatus,
        contextID: UInt8,
        in association: Established
    ) -> [AssociationAction] {
        PDUEncoder.dataPDUs(
            CommandSet.response(to: command, status: status).encoded(),
            contextID: contextID,
            isCommand: true,
            maximumLength: association.request.userInformation.maximumLength
        ).map { .send($0) }
    }
}
