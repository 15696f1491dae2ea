/// What the connection's pipeline hands the association: a PDU, bytes that were not one, or the timer.
package enum AssociationEvent: Sendable, Equatable {
    /// A whole PDU.
    case pdu(PDU)
    /// The peer's bytes are not a valid PDU; nothing more is read from it.
    case malformed(PDUDecodingError)
    /// The ARTIM or idle timer fired.
    case timerExpired
}
