import DICOMNetwork
import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing

@Suite struct DICOMListenerTests {
    /// Sends `bytes`, then reads PDUs until the server closes the connection.
    static func exchange(port: Int, _ chunks: [[UInt8]]) async throws -> [PDU] {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            for chunk in chunks { try await outbound.write(ByteBuffer(bytes: chunk)) }
            var decoder = PDUDecoder(maximumDataLength: 1 << 20)
            var pdus: [PDU] = []
            for try await buffer in inbound {
                decoder.append(Array(buffer.readableBytesView))
                while let pdu = try decoder.next() { pdus.append(pdu) }
            }
            return pdus
        }
    }

    static func withListener(
        store: any InstanceStore,
        policy: AssociationPolicy = AssociationPolicy(aeTitle: "XNAT"),
        _ body: (Int, URL) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dicomnet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let listener = try await DICOMListener.bind(
            host: "127.0.0.1",
            port: 0,
            policy: policy,
            store: store,
            stagingFolder: folder,
            logger: Logger(label: "test")
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await listener.serve() }
            try await body(listener.port, folder)
            await listener.close(closingAssociations: true)
            try await group.waitForAll()
        }
    }

    /// With its maximum of associations open, a receiver turns the next one away for now.
    @Test func aReceiverAtCapacityRejectsTheNextAssociation() async throws {
        let store = ClosureInstanceStore { _ in .success }
        let policy = AssociationPolicy(aeTitle: "XNAT", maximumAssociations: 1)
        try await Self.withListener(store: store, policy: policy) { port, _ in
            let waiting = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            try await Task.sleep(for: .milliseconds(200))
            let request = AssociationStateMachineTests.request()
            let answer = try await Self.exchange(port: port, [PDUEncoder.encode(.associateRequest(request))])
            #expect(answer == [.associateReject(.localLimitExceeded)])
            try await waiting.close()
        }
    }

    @Test func storesADataSetByteForByte() async throws {
        let received = Mutex<[UInt8]>([])
        let store = ClosureInstanceStore { instance in
            let bytes = (try? Data(contentsOf: instance.file)).map(Array.init) ?? []
            received.withLock { $0 = bytes }
            return .success
        }
        try await Self.withListener(store: store) { port, _ in
            var request = AssociationStateMachineTests.request()
            request.callingAETitle = "SCU"
            let dataSet: [UInt8] = Array(repeating: 0xAB, count: 3000)
            let command = AssociationStateMachineTests.command(.storeRequest, hasDataSet: true)
            var chunks = [PDUEncoder.encode(.associateRequest(request)), PDUEncoder.encode(AssociationStateMachineTests.pdv(command, command: true))]
            chunks += PDUEncoder.dataPDUs(dataSet, contextID: 3, isCommand: false, maximumLength: 1000).map(PDUEncoder.encode)
            chunks.append(PDUEncoder.encode(.releaseRequest))
            let answers = try await Self.exchange(port: port, chunks)
            #expect(answers.count == 3)
            #expect(answers.last == .releaseResponse)
            let file = received.withLock { $0 }
            #expect(file.count > dataSet.count && Array(file.suffix(dataSet.count)) == dataSet)
            #expect(Array(file[128..<132]) == Array("DICM".utf8))
        }
    }

    @Test func garbageGetsAnAbortAndOthersKeepWorking() async throws {
        try await Self.withListener(store: ClosureInstanceStore { _ in .success }) { port, folder in
            let garbage = try await Self.exchange(port: port, [Array("GET / HTTP/1.1\r\n\r\n".utf8)])
            #expect(garbage == [.abort(.provider(.unrecognizedPDU))])
            let huge = try await Self.exchange(port: port, [[0x04, 0, 0xFF, 0xFF, 0xFF, 0xFF]])
            #expect(huge == [.abort(.provider(.invalidPDUParameterValue))])
            var request = AssociationStateMachineTests.request()
            request.callingAETitle = "SCU"
            let echo = AssociationStateMachineTests.command(.echoRequest, hasDataSet: false, sopClass: "1.2.840.10008.1.1")
            let answers = try await Self.exchange(
                port: port,
                [PDUEncoder.encode(.associateRequest(request)), PDUEncoder.encode(AssociationStateMachineTests.pdv(echo, context: 1, command: true)), PDUEncoder.encode(.releaseRequest)]
            )
            #expect(answers.count == 3)
            // A truncated store leaves no staging file behind.
            let store = AssociationStateMachineTests.command(.storeRequest, hasDataSet: true)
            _ = try await Self.exchange(
                port: port,
                [PDUEncoder.encode(.associateRequest(request)), PDUEncoder.encode(AssociationStateMachineTests.pdv(store, command: true)), PDUEncoder.encode(AssociationStateMachineTests.pdv([1, 2], command: false, last: false)), PDUEncoder.encode(.abort(Abort(source: 0, reason: 0)))]
            )
            try await Task.sleep(for: .milliseconds(100))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }
}
