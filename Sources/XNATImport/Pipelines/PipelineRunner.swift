import Foundation
import Logging
import Synchronization

/// Runs the site's AutoRun actions for archived sessions in the background and records each run in the metadata
/// store (`xnat-import-spec.md` §6.6).
///
/// ``launch(_:)`` records a RUNNING row per action and returns; the actions run in detached tasks, at most
/// ``PipelineConfiguration/maximumConcurrentRuns`` at once, and their rows become COMPLETE or FAILED. Nothing here
/// throws into the archive path: an action that fails, or a store that cannot record it, is logged and recorded
/// where possible.
package final class PipelineRunner: Sendable {
    /// The actions and their limits.
    package let configuration: PipelineConfiguration
    let store: any MetadataStore
    let logger: Logger
    let clock: @Sendable () -> Date
    let postWebhook: PipelineWebhookPost?
    private let slots: PipelineSlots
    private let inFlight = Mutex<[UUID: Task<Void, Never>]>([:])

    /// Creates a runner that records runs in `store` and sends webhooks with `postWebhook` (the HTTP client lives at
    /// the edge: FoundationNetworking cannot be imported into this target).
    package init(
        configuration: PipelineConfiguration,
        store: any MetadataStore,
        postWebhook: PipelineWebhookPost? = nil,
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
        self.clock = clock
        self.postWebhook = postWebhook
        self.slots = PipelineSlots(count: configuration.maximumConcurrentRuns)
    }

    /// Records a RUNNING run for each configured action, then for each of `extraWebhooks` (a project's), and starts
    /// them in the background; answers the runs recorded. Never throws; an action whose row cannot be stored does
    /// not run.
    @discardableResult
    package func launch(_ session: PipelineSession, extraWebhooks: [URL] = []) async -> [PipelineRun] {
        var runs: [PipelineRun] = []
        let extra = extraWebhooks.map { PipelineAction(kind: .webhook, target: $0.absoluteString) }
        for action in configuration.actions + extra {
            let run = PipelineRun(
                experimentID: session.experimentID,
                action: action.kind,
                target: action.target,
                startedAt: clock()
            )
            do {
                try await store.insertPipelineRun(run)
            } catch {
                logger.error(
                    "Could not record a pipeline run; the action does not run",
                    metadata: [
                        "experiment": "\(session.experimentID)", "action": "\(action.kind)", "error": "\(error)",
                    ]
                )
                continue
            }
            runs.append(run)
            start(run, session: session)
        }
        return runs
    }

    /// Waits until every run launched so far has finished and been recorded (tests and shutdown).
    package func waitUntilIdle() async {
        while let task = inFlight.withLock({ $0.values.first }) {
            await task.value
        }
    }

    private func start(_ run: PipelineRun, session: PipelineSession) {
        let token = UUID()
        inFlight.withLock { tasks in
            tasks[token] = Task.detached {
                await self.execute(run, session: session)
                _ = self.inFlight.withLock { $0.removeValue(forKey: token) }
            }
        }
    }

    /// Waits for a slot, runs the action and records how it ended.
    private func execute(_ run: PipelineRun, session: PipelineSession) async {
        var run = run
        await slots.acquire()
        run.startedAt = clock()
        do {
            _ = try await store.updatePipelineRun(run)
        } catch {
            logger.warning(
                "Could not record a pipeline run's start",
                metadata: ["run": "\(run.id)", "error": "\(error)"]
            )
        }
        let outcome: PipelineOutcome
        switch run.action {
        case .command:
            outcome = await PipelineActions.runCommand(
                URL(fileURLWithPath: run.target),
                environment: session.environment,
                timeout: configuration.commandTimeout
            )
        case .webhook:
            if let url = URL(string: run.target) {
                outcome = await PipelineActions.postWebhook(
                    url,
                    body: session.json(),
                    timeout: configuration.webhookTimeout,
                    with: postWebhook
                )
            } else {
                outcome = PipelineOutcome(succeeded: false, detail: "Invalid webhook URL.")
            }
        }
        await slots.release()
        run.finishedAt = clock()
        run.status = outcome.succeeded ? .complete : .failed
        run.detail = outcome.detail
        let metadata: Logger.Metadata = [
            "experiment": "\(run.experimentID)", "run": "\(run.id)", "action": "\(run.action.rawValue)",
            "status": "\(run.status.rawValue)",
        ]
        if outcome.succeeded {
            logger.info("Pipeline run finished", metadata: metadata)
        } else {
            logger.warning("Pipeline run failed", metadata: metadata.merging(["detail": "\(outcome.detail)"]) { $1 })
        }
        do {
            _ = try await store.updatePipelineRun(run)
        } catch {
            logger.error(
                "Could not record a pipeline run's outcome",
                metadata: ["run": "\(run.id)", "error": "\(error)"]
            )
        }
    }
}

/// Posts a JSON body to a URL within a time limit and answers the HTTP status and response body; throws when no
/// answer comes (connection refused, timeout, TLS failure).
package typealias PipelineWebhookPost =
    @Sendable (_ url: URL, _ body: Data, _ timeout: Duration) async throws -> (
        status: Int, body: Data
    )

/// A counting semaphore for tasks: at most `count` holders, the rest wait in order.
private actor PipelineSlots {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        available = count
    }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
