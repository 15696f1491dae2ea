/// DIMSE status codes Sluice answers with (PS3.7 Annex C; PS3.4 Table B.2-1 for storage). This is the one place
/// they are named; the server maps storage outcomes to them:
///
/// | outcome | status |
/// |---|---|
/// | stored in the prearchive, or C-ECHO | 0x0000 success |
/// | disk or database failure, staging file not written | 0xA700 out of resources |
/// | the data set's SOP Class/Instance UID differ from the C-STORE command's | 0xA900 data set does not match SOP class |
/// | the data set cannot be read as DICOM, or lacks its UIDs | 0xC000 cannot understand |
/// | C-STORE on a context whose abstract syntax is another SOP class | 0x0122 SOP class not supported |
/// | a DIMSE command other than C-ECHO and C-STORE | 0x0211 unrecognized operation |
package struct DIMSEStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    package var rawValue: UInt16

    package init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    package static let success = DIMSEStatus(rawValue: 0x0000)
    package static let outOfResources = DIMSEStatus(rawValue: 0xA700)
    package static let dataSetDoesNotMatchSOPClass = DIMSEStatus(rawValue: 0xA900)
    package static let cannotUnderstand = DIMSEStatus(rawValue: 0xC000)
    package static let sopClassNotSupported = DIMSEStatus(rawValue: 0x0122)
    package static let unrecognizedOperation = DIMSEStatus(rawValue: 0x0211)

    /// "0xA700".
    package var description: String {
        let hex = String(rawValue, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
