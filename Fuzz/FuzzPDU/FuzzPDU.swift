import DICOM
import DICOMNetwork

/// libFuzzer entry point: one input is everything a peer sends on one connection, split into PDUs by `PDUDecoder`
/// (in pieces, as TCP delivers them) and handed to the `AssociationStateMachine`, whose actions are carried out as
/// `AssociationConnection` does without the IO (every C-STORE is answered as stored).
///
/// Checks beyond "does not crash": every decoded PDU and every PDU the machine sends encodes and decodes back equal
/// (text that was not UTF-8 may change once); a closed machine does nothing more; data set bytes only flow between
/// a begin and its end.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPDU(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    PDUFuzzing.check(bytes)
    return 0
}

enum PDUFuzzing {
    static let policy = AssociationPolicy(aeTitle: "SLUICE", maximumPDULength: 16_384)

    static func check(_ bytes: [UInt8]) {
        var decoder = PDUDecoder(maximumDataLength: Int(policy.maximumPDULength))
        var machine = AssociationStateMachine(policy: policy, isAtCapacity: bytes.count % 17 == 16)
        var isStoring = false
        let piece = [1, 6, 100, 1 << 14][bytes.count % 4]
        var start = 0
        while start < bytes.count, !machine.isClosed {
            let end = min(bytes.count, start + piece)
            decoder.append(bytes[start..<end])
            start = end
            do {
                while let pdu = try decoder.next() {
                    checkRoundTrip(pdu)
                    perform(machine.received(pdu), on: &machine, isStoring: &isStoring)
                    if machine.isClosed { break }
                }
            } catch {
                perform(machine.decodingFailed(error), on: &machine, isStoring: &isStoring)
            }
        }
        let ending = bytes.count % 3 == 0 ? machine.timerExpired() : machine.connectionClosed()
        perform(ending, on: &machine, isStoring: &isStoring)
        require(machine.isClosed, "the machine is still open after the connection ended")
        require(machine.received(.releaseRequest).isEmpty, "a closed machine acted")
    }

    /// Carries out actions as the connection does; a finished data set is answered with success.
    static func perform(
        _ actions: [AssociationAction],
        on machine: inout AssociationStateMachine,
        isStoring: inout Bool
    ) {
        var queue = actions[...]
        while let action = queue.popFirst() {
            switch action {
            case .send(let pdu), .sendAndClose(let pdu):
                checkRoundTrip(pdu)
            case .abort(let abort, _):
                checkDecodes(PDUEncoder.encode(.abort(abort)), as: .abort(abort))
            case .beginDataSet:
                require(!isStoring, "a data set began inside another")
                isStoring = true
            case .writeDataSet:
                require(isStoring, "data set bytes outside a data set")
            case .finishDataSet:
                require(isStoring, "a data set finished that had not begun")
                isStoring = false
                queue += machine.storeFinished(.success)
            case .discardDataSet:
                isStoring = false
            case .close, .setTimer, .established:
                break
            }
        }
    }

    /// Text fields are decoded as UTF-8, so bytes that are not UTF-8 come back as U+FFFD and AE titles longer than
    /// 16 bytes are cut when encoded: such a PDU may change once, then must stay as it is.
    static func checkRoundTrip(_ pdu: PDU) {
        let encoded = PDUEncoder.encode(pdu)
        let once = decode(encoded)
        guard once != pdu else { return }
        require("\(pdu)".contains("\u{FFFD}"), "\(pdu.name) reads back otherwise after encoding")
        checkDecodes(PDUEncoder.encode(once), as: once)
    }

    static func decode(_ encoded: [UInt8]) -> PDU {
        var decoder = PDUDecoder(maximumDataLength: Int.max, maximumOtherLength: Int.max)
        decoder.append(encoded)
        do {
            guard let decoded = try decoder.next(), decoder.bufferedByteCount == 0 else {
                fatalError("an encoded PDU does not decode to one PDU")
            }
            return decoded
        } catch {
            fatalError("an encoded PDU does not decode: \(error)")
        }
    }

    static func checkDecodes(_ encoded: [UInt8], as pdu: PDU) {
        require(decode(encoded) == pdu, "\(pdu.name) reads back otherwise after encoding")
    }
}

/// `precondition` that also reports its message in optimised builds (libFuzzer runs release builds).
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "") {
    if !condition() { fatalError(message()) }
}
