/// A-ASSOCIATE-RQ (PS3.8 §9.3.2): who calls whom, and which presentation contexts the caller proposes.
package struct AssociateRequest: Sendable, Equatable {
    /// Bytes 7–8: bit 0 set for version 1, the only one defined.
    package var protocolVersion: UInt16
    /// Called AE title (bytes 11–26), without padding.
    package var calledAETitle: String
    /// Calling AE title (bytes 27–42), without padding.
    package var callingAETitle: String
    /// Item 0x10: the application context name, "1.2.840.10008.3.1.1.1" for DICOM.
    package var applicationContextName: String
    /// Items 0x20, in the order proposed.
    package var presentationContexts: [ProposedPresentationContext]
    /// Item 0x50.
    package var userInformation: UserInformation

    /// Creates a request.
    package init(
        protocolVersion: UInt16 = 1,
        calledAETitle: String,
        callingAETitle: String,
        applicationContextName: String = AssociateRequest.dicomApplicationContext,
        presentationContexts: [ProposedPresentationContext],
        userInformation: UserInformation
    ) {
        self.protocolVersion = protocolVersion
        self.calledAETitle = calledAETitle
        self.callingAETitle = callingAETitle
        self.applicationContextName = applicationContextName
        self.presentationContexts = presentationContexts
        self.userInformation = userInformation
    }

    /// The DICOM application context name (PS3.7 Annex A.2.1).
    package static let dicomApplicationContext = "1.2.840.10008.3.1.1.1"
}

/// A presentation context item of an A-ASSOCIATE-RQ (type 0x20, PS3.8 §9.3.2.2).
package struct ProposedPresentationContext: Sendable, Equatable {
    /// Odd ID, 1–255.
    package var id: UInt8
    /// Sub-item 0x30: the SOP class.
    package var abstractSyntax: String
    /// Sub-items 0x40, in the proposer's order of preference.
    package var transferSyntaxes: [String]

    /// Creates a proposal.
    package init(id: UInt8, abstractSyntax: String, transferSyntaxes: [String]) {
        self.id = id
        self.abstractSyntax = abstractSyntax
        self.transferSyntaxes = transferSyntaxes
    }
}

/// The user information item (type 0x50, PS3.7 Annex D.3.3); sub-items Sluice does not use are skipped when
/// decoding (asynchronous operations window, role selection, extended negotiation, user identity).
package struct UserInformation: Sendable, Equatable {
    /// Sub-item 0x51: the largest P-DATA-TF variable field the sender can receive; 0 means no limit.
    package var maximumLength: UInt32
    /// Sub-item 0x52.
    package var implementationClassUID: String
    /// Sub-item 0x55, if present.
    package var implementationVersionName: String?

    /// Creates the item.
    package init(maximumLength: UInt32, implementationClassUID: String, implementationVersionName: String? = nil) {
        self.maximumLength = maximumLength
        self.implementationClassUID = implementationClassUID
        self.implementationVersionName = implementationVersionName
    }
}

/// A-ASSOCIATE-AC (PS3.8 §9.3.3): the answer to each proposed context.
package struct AssociateAccept: Sendable, Equatable {
    /// Bit 0 set for version 1.
    package var protocolVersion: UInt16
    /// Echoed from the request (bytes 11–26; PS3.8 says receivers must not test them).
    package var calledAETitle: String
    /// Echoed from the request (bytes 27–42).
    package var callingAETitle: String
    /// Item 0x10.
    package var applicationContextName: String
    /// Items 0x21, one per proposed context.
    package var presentationContexts: [AcceptedPresentationContext]
    /// Item 0x50.
    package var userInformation: UserInformation

    /// Creates an accept.
    package init(
        protocolVersion: UInt16 = 1,
        calledAETitle: String,
        callingAETitle: String,
        applicationContextName: String = AssociateRequest.dicomApplicationContext,
        presentationContexts: [AcceptedPresentationContext],
        userInformation: UserInformation
    ) {
        self.protocolVersion = protocolVersion
        self.calledAETitle = calledAETitle
        self.callingAETitle = callingAETitle
        self.applicationContextName = applicationContextName
        self.presentationContexts = presentationContexts
        self.userInformation = userInformation
    }
}

/// A presentation context item of an A-ASSOCIATE-AC (type 0x21, PS3.8 §9.3.3.2).
package struct AcceptedPresentationContext: Sendable, Equatable {
    /// The ID of the proposal it answers.
    package var id: UInt8
    /// 0 acceptance, 1 user rejection, 2 no reason, 3 abstract syntax not supported, 4 transfer syntaxes not supported.
    package var result: Result
    /// The chosen transfer syntax; meaningless unless accepted (then sent as the first proposed one).
    package var transferSyntax: String

    /// Creates an answer.
    package init(id: UInt8, result: Result, transferSyntax: String) {
        self.id = id
        self.result = result
        self.transferSyntax = transferSyntax
    }

    /// The result/reason byte (PS3.8 Table 9-18).
    package enum Result: UInt8, Sendable {
        case acceptance = 0
        case userRejection = 1
        case noReason = 2
        case abstractSyntaxNotSupported = 3
        case transferSyntaxesNotSupported = 4
    }
}
