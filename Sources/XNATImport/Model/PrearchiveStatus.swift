/// The status of a prearchive session, as stored in the prearchive table and shown in REST listings.
///
/// Raw values are XNAT's `PrearcUtils.PrearcStatus` names (`xnat-import-spec.md` §4.3). Queued statuses mean an
/// operation is waiting; the underscore-prefixed statuses mean one is in progress.
package enum PrearchiveStatus: String, Sendable, CaseIterable {
    // MARK: - Main

    case receiving = "RECEIVING"
    case building = "BUILDING"
    case ready = "READY"
    case archiving = "ARCHIVING"
    case moving = "MOVING"
    case deleting = "DELETING"
    case separating = "SEPARATING"
    case conflict = "CONFLICT"
    case error = "ERROR"
    /// New files arrived while the session was being built.
    case receivingInterrupt = "RECEIVING_INTERRUPT"

    // MARK: - Queued

    case queuedArchiving = "QUEUED_ARCHIVING"
    case queuedBuilding = "QUEUED_BUILDING"
    case queuedDeleting = "QUEUED_DELETING"
    case queuedMoving = "QUEUED_MOVING"
    case queuedSeparating = "QUEUED_SEPARATING"

    // MARK: - In progress

    case pendingArchiving = "_ARCHIVING"
    case pendingBuilding = "_BUILDING"
    case pendingConflict = "_CONFLICT"
    case pendingDeleting = "_DELETING"
    case pendingMoving = "_MOVING"
    case pendingReceiving = "_RECEIVING"
    case pendingReceivingInterrupt = "_RECEIVING_INTERRUPT"
    case pendingSeparating = "_SEPARATING"
}
