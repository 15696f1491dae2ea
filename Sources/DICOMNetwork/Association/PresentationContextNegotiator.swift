import DICOM

/// Answers proposed presentation contexts (PS3.8 §9.3.3.2, PS3.4 Annex B.3): Verification and every storage SOP
/// class are accepted with the first proposed transfer syntax Sluice can store, so the caller's preference wins
/// and the data set is kept exactly as sent (compressed ones included; nothing is transcoded).
package struct PresentationContextNegotiator: Sendable {
    /// Verification SOP class (PS3.4 Annex A).
    package static let verificationSOPClass = "1.2.840.10008.1.1"

    /// Transfer syntaxes accepted, by UID (PS3.5 §10, Annex A).
    package static let acceptedTransferSyntaxes: Set<String> = [
        "1.2.840.10008.1.2",  // Implicit VR Little Endian
        "1.2.840.10008.1.2.1",  // Explicit VR Little Endian
        "1.2.840.10008.1.2.1.99",  // Deflated Explicit VR Little Endian
        "1.2.840.10008.1.2.2",  // Explicit VR Big Endian (retired, but the DICOM target reads it)
        "1.2.840.10008.1.2.4.50",  // JPEG Baseline (Process 1)
        "1.2.840.10008.1.2.4.51",  // JPEG Extended (Process 2 & 4)
        "1.2.840.10008.1.2.4.57",  // JPEG Lossless, Non-Hierarchical (Process 14)
        "1.2.840.10008.1.2.4.70",  // JPEG Lossless, First-Order Prediction (Process 14 [SV1])
        "1.2.840.10008.1.2.4.80",  // JPEG-LS Lossless
        "1.2.840.10008.1.2.4.81",  // JPEG-LS Near-Lossless
        "1.2.840.10008.1.2.4.90",  // JPEG 2000 Lossless Only
        "1.2.840.10008.1.2.4.91",  // JPEG 2000
        "1.2.840.10008.1.2.5",  // RLE Lossless
    ]

    /// The verification class is always accepted; storage classes when ``isStorageSOPClass(_:)`` says so.
    package init() {}

    /// Whether `uid` names a storage SOP class: a registered SOP class whose name ends in "Storage" (PS3.4
    /// Annex B.5), or any UID under the composite-object branch 1.2.840.10008.5.1.4.1.1 (classes newer than the
    /// dictionary). Storage Commitment and Media Storage Directory are not storage SOP classes.
    package static func isStorageSOPClass(_ uid: String) -> Bool {
        if uid.hasPrefix("1.2.840.10008.5.1.4.1.1.") { return true }
        guard let entry = UIDRegistry.entry(for: uid), entry.type == "SOP Class" else { return false }
        return entry.name.hasSuffix("Storage") && uid != "1.2.840.10008.1.3.10"
    }

    /// The answer to each proposal, in the order proposed.
    package func negotiate(_ proposals: [ProposedPresentationContext]) -> [AcceptedPresentationContext] {
        proposals.map { proposal in
            let supported = proposal.abstractSyntax == Self.verificationSOPClass
                || Self.isStorageSOPClass(proposal.abstractSyntax)
            guard supported else {
                return AcceptedPresentationContext(
                    id: proposal.id,
                    result: .abstractSyntaxNotSupported,
                    transferSyntax: proposal.transferSyntaxes.first ?? ""
                )
            }
            guard let syntax = proposal.transferSyntaxes.first(where: Self.acceptedTransferSyntaxes.contains) else {
                return AcceptedPresentationContext(
                    id: proposal.id,
                    result: .transferSyntaxesNotSupported,
                    transferSyntax: proposal.transferSyntaxes.first ?? ""
                )
            }
            return AcceptedPresentationContext(id: proposal.id, result: .acceptance, transferSyntax: syntax)
        }
    }
}
