import Foundation

/// The status lists of `http-session-listener` / `transaction` ids and their event-tracking records
/// (`xnat-import-spec.md` §9), per user: `GET /data/status/{id}` and `/xapi/event_tracking/{id}` read them.
///
/// XNAT keeps the lists in the HTTP session (so polling needs the same cookie); Sluice keys them by user and id,
/// so Basic-authenticated clients can poll too, and another user never sees them. They live in memory: at most
/// ``capacity`` lists (the oldest is forgotten first) of at most ``messageLimit`` messages each; a restart forgets
/// them, as XNAT forgets its HTTP sessions.
package actor StatusRegistry {
    /// One listener's messages.
    package struct Log: Sendable, Equatable {
        /// Who started the operation.
        package var owner: String
        /// The messages, oldest first.
        package var messages: [StatusMessage] = []
        /// When the log was created.
        package var created: Date
    }

    /// What looking up an id found.
    package enum Lookup: Sendable, Equatable {
        /// The user's log.
        case found(Log)
        /// No log has this id.
        case unknown
        /// The id is another user's.
        case foreign
    }

    /// Most logs kept.
    package let capacity: Int
    /// Most messages kept per log (the first ones and the terminal one are kept).
    package let messageLimit: Int
    private var logs: [String: Log] = [:]
    private var order: [String] = []

    /// A registry with the given limits.
    package init(capacity: Int = 1000, messageLimit: Int = 500) {
        self.capacity = capacity
        self.messageLimit = messageLimit
    }

    /// XNAT stores lists under `_TR<id>`; an id sent with the prefix names the same list.
    package static func key(_ id: String) -> String {
        id.hasPrefix("_TR") ? String(id.dropFirst(3)) : id
    }

    /// Adds a message to `id`'s log, creating it for `owner`; does nothing if the id is another user's.
    package func append(_ message: StatusMessage, to id: String, owner: String) {
        let key = Self.key(id)
        if var log = logs[key] {
            guard log.owner == owner else { return }
            if log.messages.count >= messageLimit, !message.isTerminal { return }
            log.messages.append(message)
            logs[key] = log
            return
        }
        logs[key] = Log(owner: owner, messages: [message], created: message.time)
        order.append(key)
        if order.count > capacity {
            logs[order.removeFirst()] = nil
        }
    }

    /// The log of `id` as `user` may see it.
    package func lookup(_ id: String, user: String) -> Lookup {
        guard let log = logs[Self.key(id)] else { return .unknown }
        return log.owner == user ? .found(log) : .foreign
    }

    /// Removes `id`'s log if it is `user`'s; answers whether it was.
    package func remove(_ id: String, user: String) -> Bool {
        let key = Self.key(id)
        guard logs[key]?.owner == user else { return false }
        logs[key] = nil
        order.removeAll { $0 == key }
        return true
    }

    /// A reporter that appends to `id`'s log for `owner`.
    package nonisolated func reporter(id: String, owner: String) -> StatusReporter {
        StatusReporter { message in await self.append(message, to: id, owner: owner) }
    }
}
