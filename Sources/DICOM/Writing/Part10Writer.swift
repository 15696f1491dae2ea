/// Writes Part-10 files (PS3.10 §7.1): 128-byte preamble of zeros, "DICM", the file meta group in explicit
/// VR little endian with its group length, then the data set. Returns bytes; never touches files.
package enum Part10Writer {
    /// Sluice's Implementation Class UID (0002,0012): a UUID-derived UID under 2.25 (PS3.5 §B.2).
    package static let implementationClassUID = "2.25.188011499522545278989860630925158007112"
    /// Implementation Version Name (0002,0013), at most 16 characters.
    package static let implementationVersionName = "SLUICE_0_1"

    /// The preamble, "DICM" and the file meta group for a data set, to be followed by the data set's bytes in
    /// `transferSyntaxUID` exactly as received (C-STORE keeps the bytes it was sent).
    package static func fileMetaBytes(
        sopClassUID: String, sopInstanceUID: String, transferSyntaxUID: String, sourceAETitle: String? = nil
    ) -> [UInt8] {
        var meta = DataSet()
        meta.insert(element(0x0002_0001, .OB, [0x00, 0x01]))
        meta.insert(text(0x0002_0002, .UI, sopClassUID))
        meta.insert(text(0x0002_0003, .UI, sopInstanceUID))
        meta.insert(text(0x0002_0010, .UI, transferSyntaxUID))
        meta.insert(text(0x0002_0012, .UI, implementationClassUID))
        meta.insert(text(0x0002_0013, .SH, implementationVersionName))
        if let sourceAETitle, !sourceAETitle.isEmpty {
            meta.insert(text(0x0002_0016, .AE, sourceAETitle))
        }
        let encoder = DataSetEncoder(encoding: .explicitLittleEndian)
        let group = encoder.encode(meta)
        var out = [UInt8](repeating: 0, count: 128)
        out.append(contentsOf: "DICM".utf8)
        let groupLength = UInt32(group.count)
        encoder.writeHeader(Tag(0x0002_0000), vr: .UL, length: 4, to: &out)
        encoder.writeUInt32(groupLength, to: &out)
        out.append(contentsOf: group)
        return out
    }

    /// A whole Part-10 file: file meta synthesised from the data set's SOP Class and Instance UIDs, then the
    /// data set encoded in the transfer syntax (which must not be deflated: that needs a compressor).
    package static func write(_ dataSet: DataSet, transferSyntax: TransferSyntax, sourceAETitle: String? = nil) -> [UInt8] {
        precondition(!transferSyntax.isDeflated, "writing deflated data sets is not supported")
        let sopClass = dataSet.string(Tag(0x0008_0016)) ?? ""
        let sopInstance = dataSet.string(Tag(0x0008_0018)) ?? ""
        var out = fileMetaBytes(
            sopClassUID: sopClass, sopInstanceUID: sopInstance, transferSyntaxUID: transferSyntax.uid,
            sourceAETitle: sourceAETitle)
        var body = dataSet
        for element in dataSet.elements where element.tag.isFileMeta {
            body.remove(element.tag)
        }
        out.append(contentsOf: DataSetEncoder(transferSyntax).encode(body))
        return out
    }

    static func element(_ tag: UInt32, _ vr: VR, _ bytes: [UInt8]) -> DataElement {
        DataElement(tag: Tag(tag), vr: vr, value: .bytes(bytes))
    }

    /// A text element, padded to even length with the VR's padding byte.
    package static func text(_ tag: UInt32, _ vr: VR, _ value: String) -> DataElement {
        var bytes = Array(value.utf8)
        if bytes.count & 1 == 1 { bytes.append(vr.paddingByte) }
        return DataElement(tag: Tag(tag), vr: vr, value: .bytes(bytes))
    }
}
