import Foundation

/// The site's AutoRun actions: what runs after a session is archived with `triggerPipelines` true
/// (`xnat-import-spec.md` §6.6). XNAT launches its AutoRun pipeline; Sluice runs a command, posts to a webhook, or
/// both. Without either nothing runs.
package struct PipelineConfiguration: Sendable, Equatable {
    /// An executable run directly (no shell) with the session's details in its environment
    /// (`SLUICE_AUTORUN_COMMAND`), or `nil`.
    package var command: URL?
    /// An http(s) URL that receives a JSON POST with the session's details (`SLUICE_AUTORUN_WEBHOOK`), or `nil`.
    package var webhook: URL?
    /// How many actions may run at once; the others wait for a slot.
    package var maximumConcurrentRuns: Int
    /// How long a command may run before it is terminated and recorded as failed (10 minutes).
    package var commandTimeout: Duration
    /// How long a webhook may take (30 seconds).
    package var webhookTimeout: Duration

    /// Creates the configuration; by default there are no actions.
    package init(
        command: URL? = nil,
        webhook: URL? = nil,
        maximumConcurrentRuns: Int = 4,
        commandTimeout: Duration = .seconds(600),
        webhookTimeout: Duration = .seconds(30)
    ) {
        self.command = command
        self.webhook = webhook
        self.maximumConcurrentRuns = max(1, maximumConcurrentRuns)
        self.commandTimeout = commandTimeout
        self.webhookTimeout = webhookTimeout
    }

    /// The configured actions: the command first, then the webhook.
    package var actions: [PipelineAction] {
        var actions: [PipelineAction] = []
        if let command { actions.append(PipelineAction(kind: .command, target: command.path)) }
        if let webhook { actions.append(PipelineAction(kind: .webhook, target: webhook.absoluteString)) }
        return actions
    }

    /// Whether no action is configured.
    package var isEmpty: Bool { command == nil && webhook == nil }

    /// `text` as a webhook URL, or `nil` unless it parses as a URL with an http or https scheme (any case) and a
    /// non-empty host. Checks `SLUICE_AUTORUN_WEBHOOK` and the URLs projects set over HTTP alike.
    package static func webhookURL(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }
}

/// One AutoRun action: a command path or a webhook URL.
package struct PipelineAction: Sendable, Equatable {
    /// What kind of action runs.
    package enum Kind: String, Sendable, CaseIterable {
        /// An executable, run with the session's details in its environment.
        case command
        /// An http(s) URL, posted the session's details as JSON.
        case webhook
    }

    /// The kind.
    package var kind: Kind
    /// The command's path or the webhook's URL.
    package var target: String

    /// Creates the action.
    package init(kind: Kind, target: String) {
        self.kind = kind
        self.target = target
    }
}
