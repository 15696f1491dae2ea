import DICOM

extension DICOMFileBuilder {
    /// An instance of one series of a study: ``instance(studyUID:seriesUID:instanceUID:sopClassUID:modality:patientName:patientID:)``
    /// with the given series and instance numbers, plus `values` (text, each with its dictionary VR).
    package static func seriesInstance(
        studyUID: String = "1.2.826.0.1.3680043.8.498.1",
        seriesUID: String,
        seriesNumber: String,
        instanceUID: String,
        instanceNumber: String = "1",
        sopClassUID: String = "1.2.840.10008.5.1.4.1.1.4",
        modality: String = "MR",
        values: [Tag: String] = [:]
    ) -> DICOMFileBuilder {
        var builder = instance(
            studyUID: studyUID,
            seriesUID: seriesUID,
            instanceUID: instanceUID,
            sopClassUID: sopClassUID,
            modality: modality
        )
        builder.set(.seriesNumber, .IS, seriesNumber)
        builder.set(.instanceNumber, .IS, instanceNumber)
        for (tag, value) in values {
            builder.set(tag, value)
        }
        return builder
    }

    /// Sets a text element with its data dictionary VR (`LO` for unknown tags).
    package mutating func set(_ tag: Tag, _ text: String) {
        set(tag, DataDictionary.entry(for: tag)?.defaultVR ?? .LO, text)
    }

    /// Removes an element.
    package mutating func remove(_ tag: Tag) {
        dataSet.remove(tag)
    }
}
