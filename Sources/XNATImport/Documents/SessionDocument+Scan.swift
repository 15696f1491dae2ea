extension SessionDocument {
    /// One `scans/scan`: a series of the study (`xnat-import-spec.md` §5.3).
    package struct Scan: Sendable, Equatable {
        // MARK: - Attributes

        /// `@ID`: the SeriesNumber, or the SeriesInstanceUID with non-word characters replaced when it is blank.
        package var id: String
        /// The scan's XNAT data type, written as `xsi:type` (none for the base type).
        package var dataType: ImageScanDataType
        /// `@type`: the human scan type; XNAT defaults it to the series description when the session is saved.
        package var type: String?
        /// `@UID`: the SeriesInstanceUID (0020,000E).
        package var uid: String?
        /// `@project`.
        package var project: String?

        // MARK: - Elements

        /// `image_session_ID`.
        package var imageSessionID: String?
        /// `note`.
        package var note: String?
        /// `quality`, such as `usable`.
        package var quality: String?
        /// `condition`.
        package var condition: String?
        /// `series_description`: SeriesDescription (0008,103E).
        package var seriesDescription: String?
        /// `series_class`.
        package var seriesClass: String?
        /// `documentation`.
        package var documentation: String?
        /// `scanner`: StationName with manufacturer, model and software version.
        package var scanner: Scanner?
        /// `modality`: Modality (0008,0060).
        package var modality: String?
        /// `frames`: NumberOfFrames summed over the primary files (1 for each file without it).
        package var frames: Int?
        /// `operator`: OperatorsName (0008,1070).
        package var operatorName: String?
        /// `file`: the scan's resources, usually the `DICOM` and `secondary` catalogs (§5.4).
        package var resources: [Resource] = []
        /// `startTime`: SeriesTime as `HH:mm:ss`.
        package var startTime: String?
        /// `start_date`: SeriesDate as `yyyy-MM-dd`.
        package var startDate: String?
        /// `requestedProcedureDescription`: (0032,1060).
        package var requestedProcedureDescription: String?
        /// `protocolName`: ProtocolName (0018,1030).
        package var protocolName: String?
        /// `bodyPartExamined`: (0018,0015).
        package var bodyPartExamined: String?

        // MARK: - MR scan elements (written only for `xnat:mrScanData`)

        /// `coil`: ReceiveCoilName (0018,1250).
        package var coil: String?
        /// `fieldStrength`: MagneticFieldStrength (0018,0087).
        package var fieldStrength: String?
        /// `parameters`: acquisition parameters.
        package var parameters: MRParameters?

        /// Creates a scan; set the other properties as needed.
        package init(id: String, dataType: ImageScanDataType, uid: String? = nil, seriesDescription: String? = nil) {
            self.id = id
            self.dataType = dataType
            self.uid = uid
            self.seriesDescription = seriesDescription
        }
    }

    /// The `parameters` of an MR scan that the session builder fills from DICOM (§5.3), as decimal or code text.
    package struct MRParameters: Sendable, Equatable {
        /// `voxelRes`: PixelSpacing and SliceThickness.
        package var voxelResolution: VoxelResolution?
        /// `orientation`: `Tra`, `Sag` or `Cor`, from ImageOrientationPatient.
        package var orientation: String?
        /// `fov/@x`: the field of view's columns.
        package var fieldOfViewX: String?
        /// `fov/@y`: the field of view's rows.
        package var fieldOfViewY: String?
        /// `tr`: RepetitionTime (0018,0080).
        package var repetitionTime: String?
        /// `te`: EchoTime (0018,0081).
        package var echoTime: String?
        /// `ti`: InversionTime (0018,0082).
        package var inversionTime: String?
        /// `flip`: FlipAngle (0018,1314).
        package var flipAngle: String?
        /// `sequence`: SequenceName (0018,0024).
        package var sequence: String?
        /// `imageType`: ImageType (0008,0008), values joined by `\`.
        package var imageType: String?
        /// `scanSequence`: ScanningSequence (0018,0020).
        package var scanSequence: String?
        /// `seqVariant`: SequenceVariant (0018,0021).
        package var sequenceVariant: String?
        /// `scanOptions`: ScanOptions (0018,0022).
        package var scanOptions: String?
        /// `acqType`: MRAcquisitionType (0018,0023).
        package var acquisitionType: String?
        /// `pixelBandwidth`: PixelBandwidth (0018,0095).
        package var pixelBandwidth: String?

        /// Creates empty parameters; set the ones known.
        package init() {}
    }
}
