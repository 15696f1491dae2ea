import Foundation
import Synchronization

/// Counts failed logins for logins that do not exist, in memory, so that they lock like real accounts do and the
/// lockout message does not tell whether a login exists.
///
/// Real accounts keep their count in the metadata store; this only covers names nobody has. At most
/// ``capacity`` names are remembered: past that, names whose failures are older than the lockout are forgotten
/// first, then the oldest ones.
package final class UnknownLoginThrottle: Sendable {
    /// The most names remembered at once.
    package static let capacity = 10_000

    private struct Entry {
        var failures: Int
        var lockedUntil: Date?
        var lastFailure: Date
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// Creates an empty throttle.
    package init() {}

    /// Whether failed logins with this name are refused at `date`.
    package func isLocked(_ login: String, at date: Date) -> Bool {
        entries.withLock { $0[login]?.lockedUntil.map { $0 > date } ?? false }
    }

    /// Counts a failure at `date`; returns whether it locks the name (the `maximum`-th in a row; 0 never locks).
    package func recordFailure(_ login: String, at date: Date, maximum: Int, lockout: Duration) -> Bool {
        entries.withLock { entries in
            var entry = entries[login] ?? Entry(failures: 0, lockedUntil: nil, lastFailure: date)
            entry.failures += 1
            entry.lastFailure = date
            var locked = false
            if maximum > 0, entry.failures >= maximum {
                entry.failures = 0
                entry.lockedUntil = date.adding(lockout)
                locked = true
            }
            entries[login] = entry
            if entries.count > Self.capacity {
                Self.forgetOld(&entries, before: date.adding(.zero - lockout))
            }
            return locked
        }
    }

    private static func forgetOld(_ entries: inout [String: Entry], before cutoff: Date) {
        entries = entries.filter { $0.value.lastFailure > cutoff || ($0.value.lockedUntil ?? cutoff) > cutoff }
        guard entries.count > capacity else { return }
        let newest = entries.sorted { $0.value.lastFailure > $1.value.lastFailure }.prefix(capacity / 2)
        entries = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
    }
}
