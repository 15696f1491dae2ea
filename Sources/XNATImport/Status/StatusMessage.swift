import Foundation

/// One progress message of an import or archive (`xnat-import-spec.md` §9): XNAT's `StatusMessage`.
package struct StatusMessage: Sendable, Equatable {
    /// XNAT's status names, as the wire spells them.
    package enum Status: String, Sendable, CaseIterable {
        case processing = "PROCESSING"
        case warning = "WARNING"
        case failed = "FAILED"
        case completed = "COMPLETED"
    }

    /// The status.
    package var status: Status
    /// The text, such as `Importing sessions to the prearchive` or `Archive:/archive/projects/P/…`.
    package var text: String
    /// Whether this is the last message of the operation.
    package var isTerminal: Bool
    /// When it was sent.
    package var time: Date

    /// A message.
    package init(_ status: Status, _ text: String, terminal: Bool = false, time: Date = Date()) {
        self.status = status
        self.text = text
        self.isTerminal = terminal
        self.time = time
    }
}

/// Where an operation reports its progress; a no-op when nobody listens.
package struct StatusReporter: Sendable {
    private let sink: @Sendable (StatusMessage) async -> Void

    /// A reporter that hands each message to `sink`.
    package init(_ sink: @escaping @Sendable (StatusMessage) async -> Void) {
        self.sink = sink
    }

    /// A reporter that drops every message.
    package static let silent = StatusReporter { _ in }

    /// Reports a message.
    package func report(_ status: StatusMessage.Status, _ text: String, terminal: Bool = false) async {
        await sink(StatusMessage(status, text, terminal: terminal))
    }

    /// Reports a `PROCESSING` message.
    package func progress(_ text: String) async {
        await report(.processing, text)
    }
}
