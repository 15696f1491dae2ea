/// Why bytes from a peer are not a valid PDU; the association answers with an A-ABORT carrying ``abortReason``.
package struct PDUDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    package enum Kind: Sendable, Equatable {
        /// The PDU type byte is not one of 0x01–0x07.
        case unrecognizedPDU
        /// The length field exceeds the limit for this PDU type (the negotiated maximum for P-DATA-TF).
        case tooLong
        /// A length field points past the end of its PDU or item, or a fixed-size field is missing.
        case truncated
        /// A field holds a value PS3.8 does not allow (a P-DATA-TF without PDVs, an even context ID, ...).
        case invalidValue
    }

    /// What was wrong.
    package var kind: Kind
    /// Byte offset in the PDU (from its type byte) where the problem was found.
    package var offset: Int
    /// One sentence for the log.
    package var message: String

    /// Creates an error.
    package init(_ kind: Kind, offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    /// The provider abort reason that answers this error (PS3.8 Table 9-26).
    package var abortReason: Abort.Reason {
        switch kind {
        case .unrecognizedPDU: .unrecognizedPDU
        case .tooLong, .truncated, .invalidValue: .invalidPDUParameterValue
        }
    }

    package var description: String { "\(message) (offset \(offset))" }
}
