/// dicom-xnat's SOP class tables (`xnat-import-spec.md` §5.2–§5.4): `study-sessions.properties`,
/// `series-scans.properties` and `primary-sops.txt`, keyed by UID.
///
/// Upstream names SOP classes by dcm4che constant; a few of those names do not exist in dcm4che
/// (`DermoscopyImageStorage`, `ElectroocularWaveformStorage`, `MicroscopyBulkSimpleAnnotationStorage`,
/// `EncapsulatedObjStorage`, `ElectroencephalogramWaveformStorage`, `MaterialLibraryStorage`), so in XNAT those
/// lines never match. We use the UIDs their comments intend (Dermoscopic Photography, Electrooculogram,
/// Microscopy Bulk Simple Annotations, Encapsulated OBJ, Routine Scalp and Sleep EEG, Encapsulated MTL), and add
/// Multi-channel Respiratory next to Respiratory. The primary list (UNVERIFIED in the spec) is the one in
/// `NrgXnat/xnat` `dicom-xnat-sop/src/main/resources/primary-sops.txt`. `primary-sops.txt` leaves out Enhanced MR Color, EEG and
/// Multi-channel Respiratory although it lists their siblings; we count them as primary.
enum SOPClassTables {
    /// The prefix of the standard storage SOP classes, PS3.4 Annex B.
    private static let storage = "1.2.840.10008.5.1.4.1.1."

    private static func uids(_ suffixes: [String]) -> [String] { suffixes.map { storage + $0 } }

    /// PET Image and Enhanced PET Image Storage: the PET half of the PET/MR rule (§5.2 step 1).
    static let petSOPClasses: Set<String> = Set(uids(["128", "130"]))
    /// MR Image and Enhanced MR Image Storage: the MR half of the PET/MR rule.
    static let mrSOPClasses: Set<String> = Set(uids(["4", "4.1"]))

    /// SOP class → session type (`study-sessions.properties`).
    static let sessionKinds: [String: SessionKind] = table([
        (.mr, ["4", "4.1", "4.3"]), (.pet, ["128", "130"]), (.ct, ["2", "2.1"]), (.xa, ["12.1", "13.1.1"]),
        (.us, ["6.1", "3.1"]), (.rt, ["481.1", "481.2"]), (.cr, ["1"]), (.opt, ["77.1.5.4"]),
        (.mg, ["1.2", "1.2.1"]), (.dx, ["1.1", "1.1.1"]), (.nm, ["20"]), (.sr, ["88.11", "88.22"]),
        (.sm, ["77.1.6"]), (.gm, ["77.1.2"]), (.dms, ["77.1.7"]), (.cfm, ["77.1.8"]), (.pa, ["6.3"]),
        (.otherDicom, ["91.1"]), (.emg, ["9.7.2"]), (.eog, ["9.7.3"]), (.resp, ["9.6.1", "9.6.2"]),
        (.pos, ["9.8.1"]), (.obj, ["104.4"]), (.ecg, ["9.1.1", "9.1.3"]), (.eeg, ["9.7.1", "9.7.4"]),
    ])

    /// Siemens CSA Non-Image Storage, a private SOP class XNAT knows.
    static let siemensCSANonImage = "1.3.12.2.1107.5.9.1"

    /// SOP class → scan type (`series-scans.properties`).
    static let scanKinds: [String: ScanKind] = table([
        (.mr, ["4", "4.1", "4.3"]), (.pet, ["128", "130"]), (.ct, ["2", "2.1"]), (.xa, ["12.1", "13.1.1"]),
        (.us, ["6.1", "3.1"]), (.cr, ["1"]), (.opt, ["77.1.5.4"]), (.dx3DCraniofacial, ["13.1.2"]),
        (.ecg, ["9.1.1", "9.1.3"]), (.eps, ["9.3.1"]), (.esv, ["77.1.1.1"]), (.gmv, ["77.1.2.1"]), (.hd, ["9.2.1"]),
        (.io, ["1.3", "1.3.1"]), (.mg, ["1.2", "1.2.1"]), (.dx, ["1.1", "1.1.1"]), (.nm, ["20"]),
        (.op, ["77.1.5.1", "77.1.5.2"]), (.rf, ["12.2"]),
        (.rtImage, ["481.1", "481.2", "481.3", "481.5", "481.4", "481.6", "481.7", "481.8", "481.9"]),
        (.xcv, ["77.1.4.1"]), (.sc, ["7"]), (.seg, ["66.4"]),
        (.sr, ["88.11", "88.22", "88.33", "88.50", "88.65", "88.67", "88.69", "88.70"]),
        (.sm, ["77.1.6"]), (.gm, ["77.1.2"]), (.dms, ["77.1.7"]), (.cfm, ["77.1.8"]), (.pa, ["6.3"]),
        (.ann, ["91.1"]), (.emg, ["9.7.2"]), (.eog, ["9.7.3"]), (.resp, ["9.6.1", "9.6.2"]), (.pos, ["9.8.1"]),
        (.obj, ["104.4"]), (.mtl, ["104.5"]), (.eeg, ["9.7.1", "9.7.4"]),
    ]).merging([siemensCSANonImage: .otherDicom]) { first, _ in first }

    /// The imaging SOP classes whose files form a scan's primary `DICOM` resource (`primary-sops.txt`, §5.4).
    static let primarySOPClasses: Set<String> = Set(
        uids([
            "9.1.3", "88.11", "2", "9.3.1", "1", "1.3", "1.3.1", "1.2", "1.2.1", "13.1.3", "1.1", "1.1.1", "2.1",
            "4.1", "130", "88.22", "9.2.1", "4", "20", "77.1.5.2", "77.1.5.1", "77.1.5.4", "128", "481.2", "481.1",
            "6.1", "3.1", "77.1.1.1", "77.1.2.1", "77.1.4.1", "13.1.2", "12.1", "13.1.1", "12.2", "9.1.1", "77.1.6",
            "77.1.2", "77.1.7", "77.1.8", "6.3", "91.1", "9.7.2", "9.7.3", "9.6.1", "9.8.1", "104.4", "104.5",
            "4.3", "9.7.1", "9.7.4", "9.6.2",
        ])
    )

    private static func table<Kind>(_ rows: [(Kind, [String])]) -> [String: Kind] {
        var table: [String: Kind] = [:]
        for (kind, suffixes) in rows {
            for uid in uids(suffixes) { table[uid] = kind }
        }
        return table
    }
}
