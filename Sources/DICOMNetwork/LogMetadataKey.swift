/// The log metadata keys this target writes, listed once.
package enum LogMetadataKey {
    package static let associationID = "dicom.association.id"
    package static let callingAE = "dicom.calling_ae"
    package static let calledAE = "dicom.called_ae"
    package static let peer = "dicom.peer"
    package static let sopInstanceUID = "dicom.sop_instance_uid"
    package static let transferSyntax = "dicom.transfer_syntax"
    package static let status = "dicom.status"
    package static let reason = "dicom.reason"
    package static let port = "dicom.port"
}
