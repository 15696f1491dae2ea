/// An XNAT image session document as the prearchive keeps it in `<FOLDER>.xml` (`xnat-import-spec.md` §4.1, §5).
///
/// Properties map one-to-one onto `xnat.xsd` (XNAT 1.8) elements and attributes; ``xml(indentation:)`` writes them
/// in schema order the way XNAT's beans do, and ``init(xml:)`` reads XNAT's documents and Sluice's. Values are kept
/// as the document spells them (dates `yyyy-MM-dd`, times `HH:mm:ss`, decimals as written) so a read-write cycle
/// changes nothing. The prearchive leaves ``id`` empty; XNAT sets it when archiving (§4.3).
///
/// Elements Sluice does not model (sharing, regions, assessors, most modality parameters…) are skipped when read.
package struct SessionDocument: Sendable, Equatable {
    // MARK: - Type and attributes

    /// The session's XNAT data type, which also picks the root element.
    package var dataType: ImageSessionDataType
    /// `@ID`, the experiment ID; `nil` (written as `ID=""`) in the prearchive.
    package var id: String?
    /// `@project`; `nil` for Unassigned sessions.
    package var project: String?
    /// `@label`, the session label.
    package var label: String?
    /// `@visit_id`, the legacy visit identifier.
    package var visitID: String?
    /// `@visit`.
    package var visit: String?
    /// `@protocol`.
    package var protocolName: String?
    /// `@UID`: the StudyInstanceUID (0020,000D).
    package var uid: String?
    /// `@session_type`: the StudyDescription (0008,1030).
    package var sessionType: String?
    /// `@modality`: the session's lead Modality (0008,0060).
    package var modality: String?
    /// `@study_id`: the StudyID (0020,0010).
    package var studyID: String?

    // MARK: - Experiment elements

    /// `date`: the StudyDate as `yyyy-MM-dd`.
    package var date: String?
    /// `time`: the StudyTime as `HH:mm:ss`.
    package var time: String?
    /// `note`.
    package var note: String?
    /// `resources/resource`: session-level resources, carried over when the XML is rebuilt (§5.1).
    package var resources: [Resource] = []
    /// `fields/field`: named custom fields, such as `studyComments` from StudyComments (0032,4000).
    package var fields: [Field] = []
    /// `acquisition_site`: the InstitutionName (0008,0080).
    package var acquisitionSite: String?
    /// `subject_ID`: the subject label in the prearchive.
    package var subjectID: String?

    // MARK: - Image session elements

    /// `scanner`: StationName, with Manufacturer and ManufacturerModelName as attributes.
    package var scanner: Scanner?
    /// `operator`: OperatorsName (0008,1070).
    package var operatorName: String?
    /// `prearchivePath`: the absolute path of the session folder (prearchive only).
    package var prearchivePath: String?
    /// `scans/scan`, in the builder's order.
    package var scans: [Scan] = []
    /// `dcmAccessionNumber`: (0008,0050).
    package var dicomAccessionNumber: String?
    /// `dcmPatientId`: (0010,0020).
    package var dicomPatientID: String?
    /// `dcmPatientName`: (0010,0010).
    package var dicomPatientName: String?
    /// `dcmPatientBirthDate`: (0010,0030) as `yyyy-MM-dd`.
    package var dicomPatientBirthDate: String?
    /// `dcmPatientWeight`: (0010,1030).
    package var dicomPatientWeight: String?

    // MARK: - Type-specific elements

    /// `coil` of MR and PET/MR sessions; not written for other types.
    package var coil: String?
    /// `fieldStrength` of MR and PET/MR sessions: MagneticFieldStrength (0018,0087); not written for other types.
    package var fieldStrength: String?
    /// `tracer/@name` of PET and PET/MR sessions; not written for other types.
    package var tracerName: String?

    /// Creates a session document; set the other properties as needed.
    package init(
        dataType: ImageSessionDataType,
        project: String? = nil,
        label: String? = nil,
        subjectID: String? = nil,
        uid: String? = nil
    ) {
        self.dataType = dataType
        self.project = project
        self.label = label
        self.subjectID = subjectID
        self.uid = uid
    }
}

extension SessionDocument {
    /// One `fields/field`: a named free-text value.
    package typealias Field = NamedValue

    /// A `scanner` element: the station name as text, the device as attributes.
    package struct Scanner: Sendable, Equatable {
        /// The text: StationName (0008,1010).
        package var name: String?
        /// `@manufacturer`: Manufacturer (0008,0070).
        package var manufacturer: String?
        /// `@model`: ManufacturerModelName (0008,1090).
        package var model: String?
        /// `@softwareVersion`: SoftwareVersions (0018,1020); scans only, the session's scanner has no such attribute.
        package var softwareVersion: String?

        /// Creates a scanner description.
        package init(
            name: String? = nil,
            manufacturer: String? = nil,
            model: String? = nil,
            softwareVersion: String? = nil
        ) {
            self.name = name
            self.manufacturer = manufacturer
            self.model = model
            self.softwareVersion = softwareVersion
        }
    }
}
