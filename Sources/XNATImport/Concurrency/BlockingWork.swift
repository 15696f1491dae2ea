import Dispatch

/// Runs blocking work (file IO, hashing, header parsing) on a Dispatch queue, so the caller's task waits without
/// holding one of Swift concurrency's few cooperative threads.
package enum BlockingWork {
    /// Runs `work` on a global queue and returns its result or rethrows its error.
    package static func run<Value: Sendable>(
        _ work: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
