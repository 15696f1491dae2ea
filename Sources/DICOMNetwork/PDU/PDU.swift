/// One protocol data unit of the DICOM upper layer (PS3.8 §9.3): what crosses the TCP connection.
package enum PDU: Sendable, Equatable {
    /// A-ASSOCIATE-RQ (type 0x01).
    case associateRequest(AssociateRequest)
    /// A-ASSOCIATE-AC (type 0x02).
    case associateAccept(AssociateAccept)
    /// A-ASSOCIATE-RJ (type 0x03).
    case associateReject(AssociateReject)
    /// P-DATA-TF (type 0x04): one or more presentation data values.
    case data([PresentationDataValue])
    /// A-RELEASE-RQ (type 0x05).
    case releaseRequest
    /// A-RELEASE-RP (type 0x06).
    case releaseResponse
    /// A-ABORT (type 0x07).
    case abort(Abort)

    /// The PDU type byte (PS3.8 Table 9-11 and its siblings).
    package var type: UInt8 {
        switch self {
        case .associateRequest: 0x01
        case .associateAccept: 0x02
        case .associateReject: 0x03
        case .data: 0x04
        case .releaseRequest: 0x05
        case .releaseResponse: 0x06
        case .abort: 0x07
        }
    }

    /// A short name for logs ("A-ASSOCIATE-RQ", "P-DATA-TF", ...).
    package var name: String {
        switch self {
        case .associateRequest: "A-ASSOCIATE-RQ"
        case .associateAccept: "A-ASSOCIATE-AC"
        case .associateReject: "A-ASSOCIATE-RJ"
        case .data: "P-DATA-TF"
        case .releaseRequest: "A-RELEASE-RQ"
        case .releaseResponse: "A-RELEASE-RP"
        case .abort: "A-ABORT"
        }
    }
}

/// One presentation data value item of a P-DATA-TF PDU (PS3.8 §9.3.5.1, Annex E.2): a fragment of a DIMSE
/// command or data set on one presentation context.
package struct PresentationDataValue: Sendable, Equatable {
    /// The presentation context ID (odd, 1–255).
    package var contextID: UInt8
    /// Bit 0 of the message control header: the fragment belongs to the command set, not the data set.
    package var isCommand: Bool
    /// Bit 1 of the message control header: the last fragment of its command or data set.
    package var isLast: Bool
    /// The fragment's bytes.
    package var data: ArraySlice<UInt8>

    /// Creates a PDV.
    package init(contextID: UInt8, isCommand: Bool, isLast: Bool, data: ArraySlice<UInt8>) {
        self.contextID = contextID
        self.isCommand = isCommand
        self.isLast = isLast
        self.data = data
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.contextID == rhs.contextID && lhs.isCommand == rhs.isCommand && lhs.isLast == rhs.isLast
            && lhs.data.elementsEqual(rhs.data)
    }
}

/// A-ABORT's source and reason (PS3.8 §9.3.8, Table 9-26).
package struct Abort: Sendable, Equatable {
    /// 0: service user, 2: service provider.
    package var source: UInt8
    /// For a provider abort: 0 not specified, 1 unrecognized PDU, 2 unexpected PDU, 4 unrecognized PDU parameter,
    /// 5 unexpected PDU parameter, 6 invalid PDU parameter value.
    package var reason: UInt8

    /// Creates an abort.
    package init(source: UInt8, reason: UInt8) {
        self.source = source
        self.reason = reason
    }

    /// A service-provider abort for `reason`.
    package static func provider(_ reason: Reason) -> Abort { Abort(source: 2, reason: reason.rawValue) }

    /// Reasons of a service-provider abort.
    package enum Reason: UInt8, Sendable {
        case notSpecified = 0
        case unrecognizedPDU = 1
        case unexpectedPDU = 2
        case unrecognizedPDUParameter = 4
        case unexpectedPDUParameter = 5
        case invalidPDUParameterValue = 6
    }
}

/// A-ASSOCIATE-RJ's result, source and reason (PS3.8 §9.3.4, Table 9-21).
package struct AssociateReject: Sendable, Equatable {
    /// 1: rejected-permanent, 2: rejected-transient.
    package var result: UInt8
    /// 1: service user, 2: service provider (ACSE), 3: service provider (presentation).
    package var source: UInt8
    /// Depends on the source; see the static members.
    package var reason: UInt8

    /// Creates a rejection.
    package init(result: UInt8, source: UInt8, reason: UInt8) {
        self.result = result
        self.source = source
        self.reason = reason
    }

    /// Rejected-permanent by the service user: no reason given (1).
    package static let noReasonGiven = AssociateReject(result: 1, source: 1, reason: 1)
    /// Rejected-permanent by the service user: application context name not supported (2).
    package static let applicationContextNotSupported = AssociateReject(result: 1, source: 1, reason: 2)
    /// Rejected-permanent by the service user: calling AE title not recognized (3).
    package static let callingAETitleNotRecognized = AssociateReject(result: 1, source: 1, reason: 3)
    /// Rejected-permanent by the service user: called AE title not recognized (7).
    package static let calledAETitleNotRecognized = AssociateReject(result: 1, source: 1, reason: 7)
    /// Rejected-permanent by the ACSE service provider: protocol version not supported (2).
    package static let protocolVersionNotSupported = AssociateReject(result: 1, source: 2, reason: 2)
    /// Rejected-transient by the presentation service provider: local limit exceeded (2).
    package static let localLimitExceeded = AssociateReject(result: 2, source: 3, reason: 2)
}
