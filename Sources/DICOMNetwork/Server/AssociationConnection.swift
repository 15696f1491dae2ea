import Foundation
import Logging
import NIOCore
import NIOPosix

/// Runs one association: reads events from the channel, feeds them to the ``AssociationStateMachine`` and
/// carries out the actions it returns (writes, the timer, staging files, the store).
struct AssociationConnection {
    var policy: AssociationPolicy
    var store: any InstanceStore
    var stagingFolder: URL
    var logger: Logger

    /// Runs one connection to its end; `isAtCapacity`: the receiver is full, so the association is rejected.
    func run(_ channel: NIOAsyncChannel<AssociationEvent, PDU>, isAtCapacity: Bool = false) async {
        var logger = logger
        logger[metadataKey: LogMetadataKey.associationID] = "\(UUID().uuidString.prefix(8))"
        logger[metadataKey: LogMetadataKey.peer] = "\(channel.channel.remoteAddress?.description ?? "?")"
        var staged: StagedInstanceFile?
        defer { staged?.discard() }
        do {
            try await channel.executeThenClose { inbound, outbound in
                var machine = AssociationStateMachine(policy: policy, isAtCapacity: isAtCapacity)
                var iterator = inbound.makeAsyncIterator()
                while !machine.isClosed {
                    let actions: [AssociationAction]
                    switch try await iterator.next() {
                    case .pdu(let pdu)?:
                        logger.trace("Received PDU", metadata: ["dicom.pdu": "\(pdu.name)"])
                        actions = machine.received(pdu)
                    case .malformed(let error)?: actions = machine.decodingFailed(error)
                    case .timerExpired?: actions = machine.timerExpired()
                    case nil: actions = machine.connectionClosed()
                    }
                    var queue = actions[...]
                    while let action = queue.popFirst() {
                        queue += try await perform(
                            action,
                            machine: &machine,
                            staged: &staged,
                            outbound: outbound,
                            channel: channel.channel,
                            logger: &logger
                        )
                        if machine.isClosed, queue.isEmpty { break }
                    }
                }
            }
        } catch {
            logger.debug("Association connection ended with an error", metadata: [LogMetadataKey.reason: "\(error)"])
        }
    }

    /// Carries out one action; returns any actions that follow from it (the C-STORE response).
    private func perform(
        _ action: AssociationAction,
        machine: inout AssociationStateMachine,
        staged: inout StagedInstanceFile?,
        outbound: NIOAsyncChannelOutboundWriter<PDU>,
        channel: any Channel,
        logger: inout Logger
    ) async throws -> [AssociationAction] {
        switch action {
        case .send(let pdu):
            try await outbound.write(pdu)
        case .sendAndClose(let pdu):
            if case .associateReject(let reject) = pdu {
                logger.notice("Rejected an association", metadata: [LogMetadataKey.reason: "\(reject.reason)"])
            } else {
                logger.info("Association released")
            }
            try await outbound.write(pdu)
            outbound.finish()
        case .abort(let abort, let reason):
            logger.warning("Aborted the association", metadata: [LogMetadataKey.reason: "\(reason)"])
            try? await outbound.write(.abort(abort))
            outbound.finish()
        case .close:
            logger.debug("Association closed")
            outbound.finish()
        case .setTimer(let timer):
            try? await channel.triggerUserOutboundEvent(timer).get()
        case .established(let calling, let called):
            logger[metadataKey: LogMetadataKey.callingAE] = "\(calling)"
            logger[metadataKey: LogMetadataKey.calledAE] = "\(called)"
            logger.info("Association accepted")
        case .beginDataSet(let request):
            do {
                staged = try StagedInstanceFile(in: stagingFolder, request: request)
            } catch {
                logger.error("Could not create a staging file", metadata: [LogMetadataKey.reason: "\(error)"])
            }
        case .writeDataSet(let bytes):
            do {
                try staged?.write(bytes)
            } catch {
                logger.error("Could not write a staging file", metadata: [LogMetadataKey.reason: "\(error)"])
                staged?.discard()
                staged = nil
            }
        case .finishDataSet(let request):
            return machine.storeFinished(await finish(request, staged: &staged, logger: logger))
        case .discardDataSet:
            staged?.discard()
            staged = nil
        }
        return []
    }

    /// Makes the staged file durable and hands it to the store; a file that could not be written is answered
    /// with 0xA700 (out of resources) and never stored.
    private func finish(_ request: StoreRequest, staged: inout StagedInstanceFile?, logger: Logger) async -> DIMSEStatus {
        guard let file = staged else { return .outOfResources }
        staged = nil
        defer { file.discard() }
        do {
            try await NIOThreadPool.singleton.runIfActive { try file.finish() }
        } catch {
            logger.error("Could not flush a staging file", metadata: [LogMetadataKey.reason: "\(error)"])
            return .outOfResources
        }
        let status = await store.store(ReceivedInstance(file: file.url, request: request))
        logger.debug(
            "C-STORE",
            metadata: [
                LogMetadataKey.sopInstanceUID: "\(request.sopInstanceUID)",
                LogMetadataKey.transferSyntax: "\(request.transferSyntaxUID)",
                LogMetadataKey.status: "\(status)",
            ]
        )
        return status
    }
}

