import Synchronization

/// When an upload's body last delivered bytes, and whether it has ended; shared by the task reading the body and
/// the one watching it (``BodyDeadline``).
final class BodyProgress: Sendable {
    private let state: Mutex<(last: ContinuousClock.Instant, finished: Bool)>

    init() {
        state = Mutex((ContinuousClock.now, false))
    }

    /// Bytes arrived.
    func arrived() {
        state.withLock { $0.last = .now }
    }

    /// The body has ended (or failed): time spent after this (syncing the file) is the server's, not the client's.
    func finished() {
        state.withLock { $0.finished = true }
    }

    var snapshot: (last: ContinuousClock.Instant, finished: Bool) {
        state.withLock { $0 }
    }
}

/// Answers 408 for an upload whose body stalls for ``idleTimeout`` or takes longer than ``totalTimeout`` in all.
///
/// The body is read in a child task while another watches its ``BodyProgress`` four times a second; on a timeout
/// the reading task is cancelled (which ends the body) and whatever it staged is discarded; `ErrorResponseMiddleware`
/// then closes the connection after the 408.
struct BodyDeadline: Sendable {
    /// Longest wait for the next bytes; `nil`: none.
    var idleTimeout: Duration?
    /// Longest time for the whole body; `nil`: none.
    var totalTimeout: Duration?

    private enum Outcome<Value: Sendable>: Sendable {
        case received(Value)
        case timedOut
    }

    /// Runs `receive` under the deadlines; `discard` disposes of a value `receive` produced after a timeout won.
    func run<Value: Sendable>(
        _ receive: @escaping @Sendable (BodyProgress) async throws -> Value,
        discard: @escaping @Sendable (Value) async -> Void
    ) async throws -> Value {
        let progress = BodyProgress()
        guard idleTimeout != nil || totalTimeout != nil else { return try await receive(progress) }
        return try await withThrowingTaskGroup(of: Outcome<Value>.self) { group in
            group.addTask { .received(try await receive(progress)) }
            group.addTask {
                try await watch(progress)
                return .timedOut
            }
            do {
                // The watcher only ever returns by throwing, so the first result is the body's.
                let first = try await group.next()
                group.cancelAll()
                guard case .received(let value)? = first else { throw CancellationError() }
                return value
            } catch {
                group.cancelAll()
                while !group.isEmpty {
                    if case .received(let value)? = try? await group.next() {
                        await discard(value)
                    }
                }
                throw error
            }
        }
    }

    private func watch(_ progress: BodyProgress) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        while true {
            try await Task.sleep(for: .milliseconds(250))
            let (last, finished) = progress.snapshot
            if finished { return try await Task.sleep(for: .seconds(86_400 * 365)) }
            let now = clock.now
            if let idleTimeout, now - last >= idleTimeout {
                throw UploadError.bodyStalled(after: idleTimeout)
            }
            if let totalTimeout, now - start >= totalTimeout {
                throw UploadError.bodyTooSlow(limit: totalTimeout)
            }
        }
    }
}
