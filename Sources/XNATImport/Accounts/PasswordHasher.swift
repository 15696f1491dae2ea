import Dispatch
import HummingbirdBcrypt

/// Hashes and checks passwords with bcrypt.
///
/// One bcrypt at cost 10 takes tens of milliseconds of CPU, so the work runs on a Dispatch queue and the
/// caller's task waits without holding a Swift concurrency thread (HummingbirdBcrypt's own advice).
package struct PasswordHasher: Sendable {
    /// The bcrypt cost (log₂ of the rounds), 4–31.
    package var cost: UInt8

    /// Creates a hasher; `cost` must be 4–31 (tests use 4, the minimum, to stay fast).
    package init(cost: UInt8) {
        precondition((4...31).contains(cost), "bcrypt cost must be 4–31")
        self.cost = cost
    }

    /// A new salted hash of `password`, for example `$2b$10$…`.
    package func hash(_ password: String) async -> String {
        let cost = cost
        return await offload { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; a malformed hash matches nothing.
    package func verify(_ password: String, against hash: String) async -> Bool {
        await offload { Bcrypt.verify(password, hash: hash) }
    }

    private func offload<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: work())
            }
        }
    }
}
