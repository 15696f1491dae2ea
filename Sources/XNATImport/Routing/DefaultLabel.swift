/// Labels XNAT falls back to when neither the request nor the DICOM headers give one.
package enum DefaultLabel: String, Sendable {
    /// The session label of gradual-DICOM and DICOM-zip objects without EXPT_LABEL, rule, assignment or
    /// PatientID (`xnat-import-spec.md` §2.1, §3.1).
    case session = "dicom_upload"
    /// The SI study folder when there is no PatientID (§3.3).
    case studyFolder = "session"
    /// The scan directory of an object with neither SeriesNumber nor SeriesInstanceUID (§2.1 step 7).
    case scanDirectory = "NA"
}
