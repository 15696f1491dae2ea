import Foundation
import Logging
import Synchronization
import NIOCore
import NIOPosix

/// One bound receiver port: accepts connections and runs each association as a child task until the listener
/// is closed. Connections get TCP_NODELAY (the Nagle trap, see README) and their own pipeline: PDU decoder,
/// timer, PDU encoder.
package final class DICOMListener: Sendable {
    typealias ServerChannel = NIOAsyncChannel<NIOAsyncChannel<AssociationEvent, PDU>, Never>

    /// The receiver's policy (AE title, callers, limits).
    package let policy: AssociationPolicy
    /// The port actually bound.
    package let port: Int
    private let channel: ServerChannel
    private let connection: AssociationConnection
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])

    private init(channel: ServerChannel, policy: AssociationPolicy, connection: AssociationConnection) {
        self.channel = channel
        self.policy = policy
        self.connection = connection
        port = channel.channel.localAddress?.port ?? 0
    }

    /// Binds `host:port` (0 picks a free port) for a receiver; serve it with ``serve()``.
    package static func bind(
        host: String,
        port: Int,
        policy: AssociationPolicy,
        store: any InstanceStore,
        stagingFolder: URL,
        logger: Logger
    ) async throws -> DICOMListener {
        let maximumDataLength = Int(policy.maximumPDULength)
        let timers = (policy.artimTimeout, policy.idleTimeout)
        let channel: ServerChannel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .bind(host: host, port: port) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(PDUChannelDecoder(maximumDataLength: maximumDataLength))
                    )
                    try child.pipeline.syncOperations.addHandler(MessageToByteHandler(PDUChannelEncoder()))
                    try child.pipeline.syncOperations.addHandler(
                        AssociationTimerHandler(artim: timers.0, idle: timers.1)
                    )
                    return try NIOAsyncChannel<AssociationEvent, PDU>(wrappingChannelSynchronously: child)
                }
            }
        let connection = AssociationConnection(
            policy: policy,
            store: store,
            stagingFolder: stagingFolder,
            logger: logger
        )
        return DICOMListener(channel: channel, policy: policy, connection: connection)
    }

    /// Accepts connections until ``close()``, then waits for the open associations to end.
    package func serve() async {
        await withDiscardingTaskGroup { group in
            do {
                try await channel.executeThenClose { inbound in
                    for try await child in inbound {
                        let id = ObjectIdentifier(child.channel)
                        let open = connections.withLock { connections in
                            connections[id] = child.channel
                            return connections.count
                        }
                        let isAtCapacity = open > policy.maximumAssociations
                        group.addTask {
                            await self.connection.run(child, isAtCapacity: isAtCapacity)
                            _ = self.connections.withLock { $0.removeValue(forKey: id) }
                        }
                    }
                }
            } catch {
                connection.logger.debug("DICOM listener stopped", metadata: [LogMetadataKey.reason: "\(error)"])
            }
        }
    }

    /// Stops accepting connections; with `closingAssociations`, also closes every open association (shutdown).
    package func close(closingAssociations: Bool = false) async {
        try? await channel.channel.close()
        guard closingAssociations else { return }
        for child in connections.withLock({ Array($0.values) }) { child.close(promise: nil) }
    }
}
