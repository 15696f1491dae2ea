/// Mutual exclusion per key for async code: at most one holder of each key at a time, waiters served in order.
///
/// The prearchive takes one per study identity (find-or-create a session) and one per session (write its files
/// or build it); always in that order, so no two tasks wait on each other.
package actor KeyedLock<Key: Hashable & Sendable> {
    private var waiters: [Key: [CheckedContinuation<Void, Never>]] = [:]
    private var held: Set<Key> = []

    /// An unlocked set of keys.
    package init() {}

    /// Runs `body` while holding `key`.
    package func withLock<Value: Sendable>(
        _ key: Key,
        _ body: @Sendable () async throws -> Value
    ) async throws -> Value {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    private func acquire(_ key: Key) async {
        guard held.contains(key) else {
            held.insert(key)
            return
        }
        await withCheckedContinuation { waiters[key, default: []].append($0) }
    }

    private func release(_ key: Key) {
        guard var queue = waiters[key], !queue.isEmpty else {
            held.remove(key)
            waiters[key] = nil
            return
        }
        let next = queue.removeFirst()
        waiters[key] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
