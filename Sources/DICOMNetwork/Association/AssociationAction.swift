/// What the connection must do after the state machine handled an event. The connection carries these out in
/// order and holds no protocol logic of its own.
package enum AssociationAction: Sendable, Equatable {
    /// Write one PDU (one socket write).
    case send(PDU)
    /// Write one PDU, then close the connection (A-ASSOCIATE-RJ, A-RELEASE-RP).
    case sendAndClose(PDU)
    /// Write an A-ABORT and close; `reason` is for the log.
    case abort(Abort, reason: String)
    /// Close the connection without writing (ARTIM expiry, a peer's A-ABORT).
    case close
    /// (Re)arm the connection's timer.
    case setTimer(AssociationTimer)
    /// An association was accepted (for the log).
    case established(callingAETitle: String, calledAETitle: String)
    /// A C-STORE data set begins: open its staging file.
    case beginDataSet(StoreRequest)
    /// The next fragment of the data set being received, to append to the staging file as is.
    case writeDataSet(ArraySlice<UInt8>)
    /// The data set is complete: make the file durable, store it, then call
    /// ``AssociationStateMachine/storeFinished(_:)`` with the outcome.
    case finishDataSet(StoreRequest)
    /// Drop a data set that will not be completed (abort, closed connection).
    case discardDataSet
}

/// The connection's one timer (PS3.8 §9.1.5).
package enum AssociationTimer: Sendable, Equatable {
    /// ARTIM: waiting for the A-ASSOCIATE-RQ.
    case artim
    /// An established association waiting for its peer's next PDU.
    case idle
}

/// One C-STORE in progress: everything the storage needs besides the data set bytes.
package struct StoreRequest: Sendable, Equatable {
    /// The presentation context it arrived on.
    package var contextID: UInt8
    /// The request command set (echoed in the response).
    package var command: CommandSet
    /// AffectedSOPClassUID (0000,0002), written to the file meta as (0002,0002).
    package var sopClassUID: String
    /// AffectedSOPInstanceUID (0000,1000), written to the file meta as (0002,0003).
    package var sopInstanceUID: String
    /// The context's transfer syntax, written to the file meta as (0002,0010).
    package var transferSyntaxUID: String
    /// The peer's AE title, written to the file meta as (0002,0016).
    package var callingAETitle: String
    /// The AE title the peer called (the receiver's).
    package var calledAETitle: String

    /// Creates a request.
    package init(
        contextID: UInt8,
        command: CommandSet,
        sopClassUID: String,
        sopInstanceUID: String,
        transferSyntaxUID: String,
        callingAETitle: String,
        calledAETitle: String
    ) {
        self.contextID = contextID
        self.command = command
        self.sopClassUID = sopClassUID
        self.sopInstanceUID = sopInstanceUID
        self.transferSyntaxUID = transferSyntaxUID
        self.callingAETitle = callingAETitle
        self.calledAETitle = calledAETitle
    }
}
