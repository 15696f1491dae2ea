import DICOM
import Testing

/// Swift Testing has its own `Tag`; the tests in this target mean DICOM's.
typealias Tag = DICOM.Tag

/// Builders for the small data sets the routing, naming and session tests read.
enum RoutingFixtures {
    /// A data set with text values, each element with its dictionary VR.
    static func dataSet(_ values: [Tag: String]) -> DataSet {
        DataSet(
            values.map { tag, value in
                let vr = DataDictionary.entry(for: tag)?.defaultVR ?? .LO
                return Part10Writer.text(tag.rawValue, vr, value)
            }
        )
    }

    static let mrImageStorage = "1.2.840.10008.5.1.4.1.1.4"
    static let enhancedMRImageStorage = "1.2.840.10008.5.1.4.1.1.4.1"
    static let petImageStorage = "1.2.840.10008.5.1.4.1.1.128"
    static let ctImageStorage = "1.2.840.10008.5.1.4.1.1.2"
    static let secondaryCaptureStorage = "1.2.840.10008.5.1.4.1.1.7"
    static let rtStructureSetStorage = "1.2.840.10008.5.1.4.1.1.481.3"
    static let crImageStorage = "1.2.840.10008.5.1.4.1.1.1"
    static let xaImageStorage = "1.2.840.10008.5.1.4.1.1.12.1"
    static let xa3DImageStorage = "1.2.840.10008.5.1.4.1.1.13.1.1"
    static let rawDataStorage = "1.2.840.10008.5.1.4.1.1.66"
}
