import DICOM

/// Who may associate with one receiver and what it announces: its AE title, the calling AE titles it accepts,
/// its maximum PDU length and timeouts. One receiver (listener) has one policy.
package struct AssociationPolicy: Sendable, Equatable {
    /// The receiver's AE title; a request calling another title is rejected (called AE title not recognized).
    package var aeTitle: String
    /// Calling AE titles allowed to associate; `nil` allows everyone. Compared after trimming spaces, case-sensitive
    /// as PS3.5 says AE titles are.
    package var allowedCallingAETitles: Set<String>?
    /// The maximum P-DATA-TF variable field length Sluice announces and accepts.
    package var maximumPDULength: UInt32
    /// ARTIM (PS3.8 §9.1.5): how long a connection may wait for its A-ASSOCIATE-RQ.
    package var artimTimeout: Duration
    /// How long an established association may stay silent before it is aborted.
    package var idleTimeout: Duration
    /// Most associations open at once on this receiver; one more is rejected (transient, local limit exceeded).
    package var maximumAssociations: Int

    /// Creates a policy.
    package init(
        aeTitle: String,
        allowedCallingAETitles: Set<String>? = nil,
        maximumPDULength: UInt32 = 262_144,
        artimTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(600),
        maximumAssociations: Int = 100
    ) {
        self.aeTitle = aeTitle
        self.allowedCallingAETitles = allowedCallingAETitles
        self.maximumPDULength = maximumPDULength
        self.artimTimeout = artimTimeout
        self.idleTimeout = idleTimeout
        self.maximumAssociations = maximumAssociations
    }
}

/// Sluice's implementation identity in A-ASSOCIATE-AC (PS3.7 Annex D.3.3.2): the same UID and version name it
/// writes into Part-10 file meta.
package enum ImplementationIdentity {
    package static let classUID = Part10Writer.implementationClassUID
    package static let versionName = Part10Writer.implementationVersionName
}
