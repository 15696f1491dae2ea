import DICOMNetwork
import Logging
import XNATImport

/// Hands each instance a receiver got to the gradual-DICOM pipeline and turns the outcome into a DIMSE status
/// (the table in `DIMSEStatus`).
struct PrearchiveInstanceStore: InstanceStore {
    var imports: ImportService
    var routing: ReceiverRouting
    var logger: Logger

    func store(_ instance: ReceivedInstance) async -> DIMSEStatus {
        let request = instance.request
        do {
            let key = try await imports.receiveStoredInstance(
                file: instance.file,
                callingAE: request.callingAETitle,
                calledAE: request.calledAETitle,
                receiver: routing,
                sopClassUID: request.sopClassUID,
                sopInstanceUID: request.sopInstanceUID
            )
            logger.debug(
                "Stored a received instance",
                metadata: ["dicom.sop_instance_uid": "\(request.sopInstanceUID)", "prearchive.path": "\(key.url)"]
            )
            return .success
        } catch let error as StoredInstanceMismatch {
            logger.warning("Refused a received instance", metadata: ["dicom.reason": "\(error)"])
            return .dataSetDoesNotMatchSOPClass
        } catch let error as ImportError where error.kind == .invalidRequest {
            logger.warning("Refused a received instance", metadata: ["dicom.reason": "\(error)"])
            return .cannotUnderstand
        } catch {
            logger.error("Could not store a received instance", metadata: ["dicom.reason": "\(error)"])
            return .outOfResources
        }
    }
}

/// Starts and stops the database's receivers on the server's ``DICOMReceiverGroup``.
struct ListenerReceiverControl: DICOMReceiverControl {
    var group: DICOMReceiverGroup
    var imports: ImportService
    var logger: Logger

    func start(_ receiver: DICOMReceiverDefinition) async throws {
        let policy = AssociationPolicy(aeTitle: receiver.aeTitle, allowedCallingAETitles: receiver.allowedCallingAETitles)
        let store = PrearchiveInstanceStore(imports: imports, routing: try receiver.routing(), logger: logger)
        try await group.start(id: Self.key(receiver.id), port: receiver.port, policy: policy, store: store)
    }

    func stop(id: Int) async {
        await group.stop(id: Self.key(id))
    }

    static func key(_ id: Int) -> String { "receiver-\(id)" }
}
