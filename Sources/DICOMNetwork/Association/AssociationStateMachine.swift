/// The acceptor side of the DICOM upper layer (PS3.8 §9.2, states Sta2, Sta6 and Sta13) with DIMSE message
/// reassembly (PS3.7 §9.3, Annex E): each event returns the actions the connection must carry out.
///
/// Only one operation is outstanding at a time (no asynchronous operations window is negotiated): after a
/// ``AssociationAction/finishDataSet(_:)`` the connection stores the instance and calls ``storeFinished(_:)``
/// before it reads again, and PDVs sent before the response are a protocol error.
package struct AssociationStateMachine: Sendable {
    enum State {
        case awaitingRequest
        case established(Established)
        case closed
    }

    struct Established {
        var request: AssociateRequest
        /// Accepted contexts: ID → (abstract syntax, transfer syntax).
        var contexts: [UInt8: (abstractSyntax: String, transferSyntax: String)]
        var message: Message = .none
    }

    enum Message {
        case none
        case command(contextID: UInt8, bytes: [UInt8])
        /// Receiving a data set: stored when `store` is set, else discarded and answered with `status`.
        case dataSet(contextID: UInt8, command: CommandSet, store: StoreRequest?, status: DIMSEStatus)
        case awaitingStore(StoreRequest)
    }

    private var state = State.awaitingRequest
    /// The receiver's AE title, allowed callers and limits.
    package let policy: AssociationPolicy
    private let negotiator = PresentationContextNegotiator()

    /// Whether the receiver already runs ``AssociationPolicy/maximumAssociations``: the request is then rejected
    /// (transient, local limit exceeded), so the peer may retry later.
    package let isAtCapacity: Bool

    /// A machine waiting for an A-ASSOCIATE-RQ (Sta2); the connection arms ARTIM when it starts.
    package init(policy: AssociationPolicy, isAtCapacity: Bool = false) {
        self.policy = policy
        self.isAtCapacity = isAtCapacity
    }

    /// Whether the connection is finished.
    package var isClosed: Bool { if case .closed = state { true } else { false } }

    // MARK: - Events

    /// A PDU arrived.
    package mutating func received(_ pdu: PDU) -> [AssociationAction] {
        switch state {
        case .closed:
            return []
        case .awaitingRequest:
            switch pdu {
            case .associateRequest(let request): return associate(request)
            case .abort: return close()
            default: return abort(.unexpectedPDU, "\(pdu.name) before A-ASSOCIATE-RQ")
            }
        case .established(var association):
            switch pdu {
            case .data(let values):
                var actions: [AssociationAction] = []
                for value in values {
                    actions += receive(value, in: &association)
                    if case .closed = state { return actions }
                }
                state = .established(association)
                return actions
            case .releaseRequest:
                guard case .none = association.message else {
                    return abort(.unexpectedPDU, "A-RELEASE-RQ during a DIMSE message")
                }
                state = .closed
                return [.sendAndClose(.releaseResponse)]
            case .abort:
                return close()
            default:
                return abort(.unexpectedPDU, "\(pdu.name) on an established association")
            }
        }
    }

    /// The peer sent bytes that are not a valid PDU.
    package mutating func decodingFailed(_ error: PDUDecodingError) -> [AssociationAction] {
        guard !isClosed else { return [] }
        return abort(error.abortReason, error.description)
    }

    /// The connection's timer fired: ARTIM closes quietly (PS3.8 AA-2), an idle association is aborted.
    package mutating func timerExpired() -> [AssociationAction] {
        switch state {
        case .closed: return []
        case .awaitingRequest:
            state = .closed
            return [.close]
        case .established: return abort(.notSpecified, "idle timeout")
        }
    }

    /// The peer closed the connection.
    package mutating func connectionClosed() -> [AssociationAction] {
        let actions: [AssociationAction] = hasDataSetInProgress ? [.discardDataSet] : []
        state = .closed
        return actions
    }

    /// The instance of the last ``AssociationAction/finishDataSet(_:)`` was stored (or not): the C-STORE-RSP.
    package mutating func storeFinished(_ status: DIMSEStatus) -> [AssociationAction] {
        guard case .established(var association) = state, case .awaitingStore(let store) = association.message else {
            return []
        }
        association.message = .none
        state = .established(association)
        return respond(to: store.command, status: status, contextID: store.contextID, in: association)
    }

    // MARK: - Association

    private mutating func associate(_ request: AssociateRequest) -> [AssociationAction] {
        let rejection: AssociateReject? =
            if request.protocolVersion & 1 == 0 {
                .protocolVersionNotSupported
            } else if request.applicationContextName != AssociateRequest.dicomApplicationContext {
                .applicationContextNotSupported
            } else if request.calledAETitle != policy.aeTitle {
                .calledAETitleNotRecognized
            } else if let allowed = policy.allowedCallingAETitles, !allowed.contains(request.callingAETitle) {
                .callingAETitleNotRecognized
            } else if isAtCapacity {
                .localLimitExceeded
            } else {
                nil
            }
        if let rejection {
            state = .closed
            return [.sendAndClose(.associateReject(rejection))]
        }
        let answers = negotiator.negotiate(request.presentationContexts)
        var contexts: [UInt8: (String, String)] = [:]
        for (proposal, answer) in zip(request.presentationContexts, answers) where answer.result == .acceptance {
            contexts[proposal.id] = (proposal.abstractSyntax, answer.transferSyntax)
        }
        state = .established(Established(request: request, contexts: contexts))
        let accept = AssociateAccept(
            calledAETitle: request.calledAETitle,
            callingAETitle: request.callingAETitle,
            presentationContexts: answers,
            userInformation: UserInformation(
                maximumLength: policy.maximumPDULength,
                implementationClassUID: ImplementationIdentity.classUID,
                implementationVersionName: ImplementationIdentity.versionName
            )
        )
        return [
            .send(.associateAccept(accept)), .setTimer(.idle),
            .established(callingAETitle: request.callingAETitle, calledAETitle: request.calledAETitle),
        ]
    }

    private var hasDataSetInProgress: Bool {
        guard case .established(let association) = state, case .dataSet(_, _, let store, _) = association.message
        else { return false }
        return store != nil
    }

    mutating func abort(_ reason: Abort.Reason, _ message: String) -> [AssociationAction] {
        let actions: [AssociationAction] = hasDataSetInProgress ? [.discardDataSet] : []
        state = .closed
        return actions + [.abort(.provider(reason), reason: message)]
    }

    private mutating func close() -> [AssociationAction] {
        let actions: [AssociationAction] = hasDataSetInProgress ? [.discardDataSet] : []
        state = .closed
        return actions + [.close]
    }
}
