import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Every DICOM receiver of the server, as one ServiceLifecycle `Service`: receivers can be started and stopped
/// while it runs (the REST API enables, disables and edits them); graceful shutdown closes them all.
package final class DICOMReceiverGroup: Service, Sendable {
    /// Where receivers listen (the same host as HTTP).
    package let host: String
    /// Where data sets are staged while they arrive (on the prearchive's file system).
    package let stagingFolder: URL
    private let logger: Logger
    private let listeners = Mutex<[String: DICOMListener]>([:])
    private let stopped = Mutex(false)
    private let started: AsyncStream<DICOMListener>
    private let startedContinuation: AsyncStream<DICOMListener>.Continuation

    /// A group with no receivers yet.
    package init(host: String, stagingFolder: URL, logger: Logger) {
        self.host = host
        self.stagingFolder = stagingFolder
        self.logger = logger
        (started, startedContinuation) = AsyncStream.makeStream()
    }

    /// Starts (or restarts with a new policy or port) the receiver `id`; returns the port it bound.
    ///
    /// - Throws: the bind error (port in use, no permission); the receiver is then not running.
    @discardableResult
    package func start(id: String, port: Int, policy: AssociationPolicy, store: any InstanceStore) async throws -> Int {
        await stop(id: id)
        guard !stopped.withLock({ $0 }) else { throw CancellationError() }
        let listener = try await DICOMListener.bind(
            host: host,
            port: port,
            policy: policy,
            store: store,
            stagingFolder: stagingFolder,
            logger: logger
        )
        listeners.withLock { $0[id] = listener }
        startedContinuation.yield(listener)
        logger.info(
            "DICOM receiver \(policy.aeTitle) listening on \(host):\(listener.port)",
            metadata: [LogMetadataKey.calledAE: "\(policy.aeTitle)", LogMetadataKey.port: "\(listener.port)"]
        )
        return listener.port
    }

    /// Stops the receiver `id` if it runs: no new associations; open ones finish.
    package func stop(id: String) async {
        guard let listener = listeners.withLock({ $0.removeValue(forKey: id) }) else { return }
        await listener.close()
        logger.info("DICOM receiver \(listener.policy.aeTitle) stopped", metadata: [LogMetadataKey.port: "\(listener.port)"])
    }

    /// The ports of the running receivers, by ID.
    package var runningPorts: [String: Int] { listeners.withLock { $0.mapValues(\.port) } }

    /// Serves every receiver started before or while it runs, until graceful shutdown.
    package func run() async throws {
        await withDiscardingTaskGroup { group in
            await withGracefulShutdownHandler {
                for await listener in started {
                    group.addTask { await listener.serve() }
                }
                await self.shutDown()
            } onGracefulShutdown: {
                self.finishStarting()
            }
        }
    }

    /// Refuses new receivers and ends the loop that serves them; then ``run()`` closes the running ones.
    private func finishStarting() {
        stopped.withLock { $0 = true }
        startedContinuation.finish()
    }

    /// Closes every receiver and its open associations.
    package func shutDown() async {
        finishStarting()
        let all = listeners.withLock { current in
            defer { current.removeAll() }
            return Array(current.values)
        }
        for listener in all { await listener.close(closingAssociations: true) }
    }
}
