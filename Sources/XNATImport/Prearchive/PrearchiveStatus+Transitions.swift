extension PrearchiveStatus {
    /// Whether new data may reopen a session in this status (`xnat-import-spec.md` §4.3).
    ///
    /// XNAT intends BUILDING, CONFLICT, ERROR, READY, RECEIVING, RECEIVING_INTERRUPT, QUEUED_BUILDING and the
    /// in-progress `_BUILDING`, `_CONFLICT`, `_RECEIVING`, `_RECEIVING_INTERRUPT`; by accident its enum marks every
    /// status interruptible (§14 quirk 15), so a file could reset a session being archived, moved or deleted. We
    /// implement the intent: an object for a session in any other status starts a new session.
    package var isInterruptible: Bool {
        switch self {
        case .building, .conflict, .error, .ready, .receiving, .receivingInterrupt, .queuedBuilding,
            .pendingBuilding, .pendingConflict, .pendingReceiving, .pendingReceivingInterrupt:
            true
        default:
            false
        }
    }

    /// Whether an operation owns the session now, so a build must wait or be refused ("session document locked").
    package var isLocked: Bool {
        switch self {
        case .building, .archiving, .moving, .deleting, .separating, .queuedArchiving, .queuedBuilding,
            .queuedDeleting, .queuedMoving, .queuedSeparating, .pendingArchiving, .pendingBuilding, .pendingDeleting,
            .pendingMoving, .pendingSeparating:
            true
        default:
            false
        }
    }
}
