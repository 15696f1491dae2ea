/// The XNAT image-session type of a study (`xsi:type`; `xnat-import-spec.md` §5.2). Raw values are the xsi
/// types the session document carries.
///
/// The list follows dicom-xnat's `lead-session-types.txt` of the fork the spec read, which knows some types
/// official XNAT 1.8 may lack (dms, cfm, pa, emg, eog, resp, pos, obj, eeg); they are only reached by those
/// rare SOP classes or modalities.
package enum SessionKind: String, Sendable, CaseIterable {
    case pet = "xnat:petSessionData"
    case mr = "xnat:mrSessionData"
    case ct = "xnat:ctSessionData"
    case xa = "xnat:xaSessionData"
    case us = "xnat:usSessionData"
    case rt = "xnat:rtSessionData"
    case cr = "xnat:crSessionData"
    case opt = "xnat:optSessionData"
    case mg = "xnat:mgSessionData"
    case dx = "xnat:dxSessionData"
    case nm = "xnat:nmSessionData"
    case sr = "xnat:srSessionData"
    case sm = "xnat:smSessionData"
    case gm = "xnat:gmSessionData"
    case rf = "xnat:rfSessionData"
    case es = "xnat:esSessionData"
    case rg = "xnat:rgSessionData"
    case dms = "xnat:dmsSessionData"
    case cfm = "xnat:cfmSessionData"
    case pa = "xnat:paSessionData"
    case ecg = "xnat:ecgSessionData"
    case emg = "xnat:emgSessionData"
    case eog = "xnat:eogSessionData"
    case resp = "xnat:respSessionData"
    case pos = "xnat:posSessionData"
    case obj = "xnat:objSessionData"
    case eeg = "xnat:eegSessionData"
    case otherDicom = "xnat:otherDicomSessionData"
    /// A combined PET/MR study (§5.2 step 1); not part of the lead order.
    case petmr = "xnat:petmrSessionData"
    /// Visible-light photography, reached only through the modality map (Modality `XC`).
    case xc = "xnat:xcSessionData"

    /// The priority among the session types of a study's SOP classes, highest first (`lead-session-types.txt`):
    /// PET > MR > CT > XA > US > RT > CR > OPT > MG > DX > NM > SR > SM > GM > RF > ES > RG > DMS > CFM > PA >
    /// ECG > EMG > EOG > RESP > POS > OBJ > EEG > other DICOM.
    ///
    /// Upstream lists `rtImageSessionData` while its SOP map yields `rtSessionData`, so RT never wins there and
    /// an RT-only study falls through to the modality map; we rank RT where the list intends it.
    package static let leadOrder: [SessionKind] = [
        .pet, .mr, .ct, .xa, .us, .rt, .cr, .opt, .mg, .dx, .nm, .sr, .sm, .gm, .rf, .es, .rg, .dms, .cfm, .pa,
        .ecg, .emg, .eog, .resp, .pos, .obj, .eeg, .otherDicom,
    ]
}
