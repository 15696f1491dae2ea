/// The DICOM Modality (0008,0060) that dominates a set (`xnat-import-spec.md` §5.2 step 3, §5.3; dicom-xnat
/// `lead-modalities.txt`), and the session type a modality implies.
package enum LeadModality {
    /// Highest first. `RT` is not a DICOM modality (RT objects use RTIMAGE, RTDOSE, …); it is kept as upstream
    /// wrote it and so never matches.
    package static let order: [String] = [
        "PT", "MR", "CT", "XA", "US", "RT", "CR", "OPT", "MG", "DX", "NM", "EEG", "ECG", "EMG", "EOG", "IVUS", "SM",
        "GM", "RF", "ES", "XC", "RG", "DMS", "CFM", "PA", "RESP", "POS", "OBJ", "OT", "SR", "SC", "ANN",
    ]

    /// The modality → session type map (`modality-sessions.properties`; its contents are UNVERIFIED: dicom-xnat's
    /// tests show MR, PT, SM and GM, and rest-tests show CT, XA, CR, and SC unmapped). The rest mirrors the SOP
    /// map; IVUS is taken as ultrasound. OT, SC and ANN have no session type of their own.
    package static let sessionKinds: [String: SessionKind] = [
        "PT": .pet, "MR": .mr, "CT": .ct, "XA": .xa, "US": .us, "RT": .rt, "CR": .cr, "OPT": .opt, "MG": .mg,
        "DX": .dx, "NM": .nm, "EEG": .eeg, "ECG": .ecg, "EMG": .emg, "EOG": .eog, "IVUS": .us, "SM": .sm,
        "GM": .gm, "RF": .rf, "ES": .es, "XC": .xc, "RG": .rg, "DMS": .dms, "CFM": .cfm, "PA": .pa,
        "RESP": .resp, "POS": .pos, "OBJ": .obj, "SR": .sr,
    ]

    /// The lead modality of `modalities`, or `nil` when none is in the order (`SOPModel.getLeadModality`).
    package static func lead(of modalities: Set<String>) -> String? {
        order.first(where: modalities.contains)
    }

    /// The modality used in duplicate scan IDs (`5-MR1`): the lead one, else `OT`.
    package static func scanIDCode(of modalities: Set<String>) -> String {
        lead(of: modalities) ?? "OT"
    }
}
