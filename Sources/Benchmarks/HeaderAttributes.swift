import DICOM

/// The attributes every tool in the header benchmark extracts, and a fingerprint of their values.
///
/// `Scripts/bench/headers.py` lists the same keywords in the same order and computes the same fingerprint
/// from pydicom's values, so equal checksums show that both tools read the same values. Keep them in step.
enum HeaderAttributes {
    /// Text values (UI, PN, LO, SH, CS, DA, TM): the first value, padding removed.
    static let text: [Tag] = [
        .sopClassUID, .sopInstanceUID, .studyInstanceUID, .seriesInstanceUID, .patientName, .patientID,
        .patientBirthDate, .patientSex, .studyDate, .studyTime, .accessionNumber, .studyDescription,
        .seriesDescription, .modality, .manufacturer,
    ]
    /// Integer values (IS, US).
    static let integers: [Tag] = [.seriesNumber, .instanceNumber, .rows, .columns, .bitsAllocated]
    /// Decimal strings (DS), every value, as numbers.
    static let decimals: [Tag] = [.sliceThickness, .pixelSpacing, .imagePositionPatient]

    /// FNV-1a (64-bit) of the values in order, each followed by 0x1F: Transfer Syntax UID from the file meta,
    /// then `text`, `integers` in decimal, and `decimals` as `round(value * 10000)` joined by "\". A
    /// missing value counts as empty.
    static func fingerprint(of file: DICOMFile) -> UInt64 {
        var hash = FNV1a()
        hash.add(file.fileMeta.string(.transferSyntaxUID) ?? "")
        for tag in text {
            hash.add(file.dataSet.string(tag) ?? "")
        }
        for tag in integers {
            hash.add(file.dataSet.int(tag).map { String($0) } ?? "")
        }
        for tag in decimals {
            let values = file.dataSet.doubles(tag) ?? []
            hash.add(values.map { String(Int(($0 * 10000).rounded())) }.joined(separator: "\\"))
        }
        return hash.value
    }
}

/// The 64-bit FNV-1a hash.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Adds the UTF-8 bytes of `text`, then the separator 0x1F.
    mutating func add(_ text: String) {
        for byte in text.utf8 {
            mix(byte)
        }
        mix(0x1F)
    }

    private mutating func mix(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
}
