import DICOM

/// Builds DICOM data sets and Part-10 files for tests, with the attributes an MR or CT instance has.
package struct DICOMFileBuilder: Sendable {
    package var dataSet = DataSet()

    package init() {}

    /// A minimal valid instance: SOP class, SOP instance, study, series, patient and a few more.
    package static func instance(
        studyUID: String = "1.2.826.0.1.3680043.8.498.1",
        seriesUID: String = "1.2.826.0.1.3680043.8.498.1.1",
        instanceUID: String = "1.2.826.0.1.3680043.8.498.1.1.1",
        sopClassUID: String = "1.2.840.10008.5.1.4.1.1.4",
        modality: String = "MR",
        patientName: String = "Doe^John",
        patientID: String = "P001"
    ) -> DICOMFileBuilder {
        var builder = DICOMFileBuilder()
        builder.set(.sopClassUID, .UI, sopClassUID)
        builder.set(.sopInstanceUID, .UI, instanceUID)
        builder.set(.studyDate, .DA, "20240301")
        builder.set(.studyTime, .TM, "140359.25")
        builder.set(.modality, .CS, modality)
        builder.set(.studyDescription, .LO, "Brain^Routine")
        builder.set(.patientName, .PN, patientName)
        builder.set(.patientID, .LO, patientID)
        builder.set(.studyInstanceUID, .UI, studyUID)
        builder.set(.seriesInstanceUID, .UI, seriesUID)
        builder.set(.seriesNumber, .IS, "3")
        builder.set(.instanceNumber, .IS, "12")
        builder.setUInt16(.rows, 2)
        builder.setUInt16(.columns, 2)
        return builder
    }

    /// Sets a text element, padded to even length.
    package mutating func set(_ tag: Tag, _ vr: VR, _ text: String) {
        var bytes = Array(text.utf8)
        if bytes.count & 1 == 1 { bytes.append(vr.paddingByte) }
        dataSet.insert(DataElement(tag: tag, vr: vr, value: .bytes(bytes)))
    }

    package mutating func setBytes(_ tag: Tag, _ vr: VR, _ bytes: [UInt8]) {
        dataSet.insert(DataElement(tag: tag, vr: vr, value: .bytes(bytes)))
    }

    package mutating func setUInt16(_ tag: Tag, _ values: UInt16...) {
        setBytes(tag, .US, values.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] })
    }

    package mutating func setSequence(_ tag: Tag, _ items: [DataSet]) {
        dataSet.insert(DataElement(tag: tag, vr: .SQ, value: .sequence(items)))
    }

    /// Native pixel data: `count` bytes of a repeating pattern.
    package mutating func setPixelData(count: Int) {
        setBytes(.pixelData, .OW, (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) })
    }

    /// A Part-10 file in the given transfer syntax (not deflated; see `deflatedFile`).
    package func file(_ syntax: TransferSyntax = .explicitVRLittleEndian) -> [UInt8] {
        Part10Writer.write(dataSet, transferSyntax: syntax)
    }

    /// The data set alone, no preamble and no file meta.
    package func rawDataSet(_ syntax: TransferSyntax = .implicitVRLittleEndian) -> [UInt8] {
        DataSetEncoder(syntax).encode(dataSet)
    }

    /// A Deflated Explicit VR Little Endian file whose DEFLATE stream uses stored blocks only (valid
    /// RFC 1951; real compression is not what such a test is about).
    package func deflatedFile() -> [UInt8] {
        let body = DataSetEncoder(.explicitVRLittleEndian).encode(dataSet)
        var out = Part10Writer.fileMetaBytes(
            sopClassUID: dataSet.string(.sopClassUID) ?? "", sopInstanceUID: dataSet.string(.sopInstanceUID) ?? "",
            transferSyntaxUID: TransferSyntax.deflatedExplicitVRLittleEndian.uid)
        out.append(contentsOf: storedDeflate(body))
        return out
    }
}

/// A raw DEFLATE stream of stored blocks (RFC 1951 §3.2.4).
package func storedDeflate(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var start = 0
    repeat {
        let count = min(65_535, bytes.count - start)
        let isFinal = start + count == bytes.count
        out.append(isFinal ? 1 : 0)
        let length = UInt16(count)
        out.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)])
        out.append(contentsOf: bytes[start..<start + count])
        start += count
    } while start < bytes.count
    return out
}
