import Foundation
import Logging
import MetadataDatabase
import Synchronization
import TestSupport

/// Runs `body` with a fresh, migrated store in a temporary folder and closes it afterwards.
func withTemporaryStore(_ body: (SQLiteMetadataStore) async throws -> Void) async throws {
    try await withTemporaryDirectory { directory in
        let configuration = DatabaseConfiguration(path: directory.appendingPathComponent("sluice.sqlite"))
        try await SQLiteMetadataStore.withStore(configuration: configuration, logger: Logger(label: "test"), body)
    }
}

/// A clock that tests move by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_700_000_000))

    func now() -> Date {
        current.withLock { $0 }
    }

    func advance(seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
