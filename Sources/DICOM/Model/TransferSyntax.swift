/// How a data set is encoded: VR explicit or implicit, byte order, deflate, encapsulated pixel data
/// (PS3.5 §10 and Annex A).
package struct TransferSyntax: Hashable, Sendable, CustomStringConvertible {
    /// The transfer syntax UID, without padding.
    package let uid: String
    /// Element headers carry their VR (PS3.5 §7.1.2) rather than taking it from the dictionary (§7.1.3).
    package let isExplicitVR: Bool
    package let isLittleEndian: Bool
    /// The data set after the file meta group is a raw DEFLATE stream (PS3.5 §A.5).
    package let isDeflated: Bool
    /// Pixel data is encapsulated in fragments (PS3.5 §A.4).
    package let isEncapsulated: Bool

    package init(uid: String, isExplicitVR: Bool, isLittleEndian: Bool, isDeflated: Bool, isEncapsulated: Bool) {
        self.uid = uid
        self.isExplicitVR = isExplicitVR
        self.isLittleEndian = isLittleEndian
        self.isDeflated = isDeflated
        self.isEncapsulated = isEncapsulated
    }

    /// The encoding of a transfer syntax UID. Unknown UIDs under 1.2.840.10008.1.2.4 and .5 (JPEG, RLE and
    /// the like) and any other unknown UID are taken as explicit VR little endian with encapsulated pixel data:
    /// every transfer syntax defined since 1999 is encoded that way (PS3.5 §10.3).
    package init(uid rawUID: String) {
        let uid = rawUID.trimmingPadding()
        switch uid {
        case TransferSyntax.implicitVRLittleEndian.uid: self = .implicitVRLittleEndian
        case TransferSyntax.explicitVRLittleEndian.uid: self = .explicitVRLittleEndian
        case TransferSyntax.explicitVRBigEndian.uid: self = .explicitVRBigEndian
        case TransferSyntax.deflatedExplicitVRLittleEndian.uid: self = .deflatedExplicitVRLittleEndian
        case "1.2.840.10008.1.2.4.95":
            // JPIP Referenced Deflate (PS3.5 §A.6): deflated like §A.5, pixel data referenced, not encapsulated.
            self.init(uid: uid, isExplicitVR: true, isLittleEndian: true, isDeflated: true, isEncapsulated: false)
        default:
            self.init(uid: uid, isExplicitVR: true, isLittleEndian: true, isDeflated: false, isEncapsulated: true)
        }
    }

    package var description: String { uid }

    /// PS3.5 §A.1, the default transfer syntax.
    package static let implicitVRLittleEndian = TransferSyntax(
        uid: "1.2.840.10008.1.2", isExplicitVR: false, isLittleEndian: true, isDeflated: false, isEncapsulated: false)
    /// PS3.5 §A.2.
    package static let explicitVRLittleEndian = TransferSyntax(
        uid: "1.2.840.10008.1.2.1", isExplicitVR: true, isLittleEndian: true, isDeflated: false, isEncapsulated: false)
    /// PS3.5 §A.5.
    package static let deflatedExplicitVRLittleEndian = TransferSyntax(
        uid: "1.2.840.10008.1.2.1.99", isExplicitVR: true, isLittleEndian: true, isDeflated: true, isEncapsulated: false)
    /// PS3.5 §A.3 (retired, still met in old files).
    package static let explicitVRBigEndian = TransferSyntax(
        uid: "1.2.840.10008.1.2.2", isExplicitVR: true, isLittleEndian: false, isDeflated: false, isEncapsulated: false)
}

extension String {
    /// Drops trailing NUL and space padding (PS3.5 §6.2: UI values are padded with NUL, text with space).
    package func trimmingPadding() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last == "\0" || last == " " {
            scalars.removeLast()
        }
        return String(scalars)
    }
}
