/// The XNAT data type (`xsi:type`) of an image session, which also names the document's root element.
///
/// Raw values are the types of XNAT 1.8's `xnat.xsd`; each has a root element, e.g. `xnat:mrSessionData` is
/// written as `<xnat:MRSession>`. The builder picks the type from the study's SOP classes and modalities
/// (`xnat-import-spec.md` §5.2); `otherDICOM` is its fallback. The types from `dms` to `obj` come from the newer
/// dicom-xnat schema the spec read (official 1.8 installs may lack them).
package enum ImageSessionDataType: String, Sendable, CaseIterable {
    /// Magnetic resonance session.
    case mr = "xnat:mrSessionData"
    /// Positron emission tomography session.
    case pet = "xnat:petSessionData"
    /// Simultaneous PET and MR session.
    case petMR = "xnat:petmrSessionData"
    /// Computed tomography session.
    case ct = "xnat:ctSessionData"
    /// X-ray angiography session.
    case xa = "xnat:xaSessionData"
    /// 3D X-ray angiography session.
    case xa3D = "xnat:xa3DSessionData"
    /// Ultrasound session.
    case us = "xnat:usSessionData"
    /// Radiotherapy session.
    case rt = "xnat:rtSessionData"
    /// Computed radiography session.
    case cr = "xnat:crSessionData"
    /// Ophthalmic tomography session.
    case opt = "xnat:optSessionData"
    /// Ophthalmic photography session.
    case op = "xnat:opSessionData"
    /// Mammography session.
    case mg = "xnat:mgSessionData"
    /// Digital radiography session.
    case dx = "xnat:dxSessionData"
    /// 3D craniofacial radiography session.
    case dx3DCraniofacial = "xnat:dx3DCraniofacialSessionData"
    /// Nuclear medicine session.
    case nm = "xnat:nmSessionData"
    /// Structured report session.
    case sr = "xnat:srSessionData"
    /// Slide microscopy session.
    case sm = "xnat:smSessionData"
    /// General microscopy session.
    case gm = "xnat:gmSessionData"
    /// General microscopy video session.
    case gmv = "xnat:gmvSessionData"
    /// Radiofluoroscopy session.
    case rf = "xnat:rfSessionData"
    /// Endoscopy session.
    case es = "xnat:esSessionData"
    /// Endoscopy video session.
    case esv = "xnat:esvSessionData"
    /// External-camera photography session.
    case xc = "xnat:xcSessionData"
    /// External-camera video session.
    case xcv = "xnat:xcvSessionData"
    /// Radiographic imaging session.
    case rg = "xnat:rgSessionData"
    /// Intra-oral radiography session.
    case io = "xnat:ioSessionData"
    /// Hemodynamic waveform session.
    case hd = "xnat:hdSessionData"
    /// Cardiac electrophysiology session.
    case eps = "xnat:epsSessionData"
    /// Electrocardiography session.
    case ecg = "xnat:ecgSessionData"
    /// Electroencephalography session.
    case eeg = "xnat:eegSessionData"
    /// Magnetoencephalography session.
    case meg = "xnat:megSessionData"
    /// Dermoscopy session (the newer dicom-xnat schema only).
    case dms = "xnat:dmsSessionData"
    /// Confocal microscopy session (the newer dicom-xnat schema only).
    case cfm = "xnat:cfmSessionData"
    /// Photoacoustic imaging session (the newer dicom-xnat schema only).
    case pa = "xnat:paSessionData"
    /// Electromyography session (the newer dicom-xnat schema only).
    case emg = "xnat:emgSessionData"
    /// Electrooculography session (the newer dicom-xnat schema only).
    case eog = "xnat:eogSessionData"
    /// Respiratory waveform session (the newer dicom-xnat schema only).
    case resp = "xnat:respSessionData"
    /// Position sensor session (the newer dicom-xnat schema only).
    case pos = "xnat:posSessionData"
    /// 3D object session (the newer dicom-xnat schema only).
    case obj = "xnat:objSessionData"
    /// Any other DICOM session.
    case otherDICOM = "xnat:otherDicomSessionData"

    /// The local name of the root element, from `xnat.xsd`'s global elements (`MRSession`, `PETMRSession`, …).
    package var elementName: String {
        switch self {
        case .mr: "MRSession"
        case .pet: "PETSession"
        case .petMR: "PETMRSession"
        case .ct: "CTSession"
        case .xa: "XASession"
        case .xa3D: "XA3DSession"
        case .us: "USSession"
        case .rt: "RTSession"
        case .cr: "CRSession"
        case .opt: "OPTSession"
        case .op: "OPSession"
        case .mg: "MGSession"
        case .dx: "DXSession"
        case .dx3DCraniofacial: "DX3DCraniofacialSession"
        case .nm: "NMSession"
        case .sr: "SRSession"
        case .sm: "SMSession"
        case .gm: "GMSession"
        case .gmv: "GMVSession"
        case .rf: "RFSession"
        case .es: "ESSession"
        case .esv: "ESVSession"
        case .xc: "XCSession"
        case .xcv: "XCVSession"
        case .rg: "RGSession"
        case .io: "IOSession"
        case .hd: "HDSession"
        case .eps: "EPSSession"
        case .ecg: "ECGSession"
        case .eeg: "EEGSession"
        case .meg: "MEGSession"
        case .dms: "DMSSession"
        case .cfm: "CFMSession"
        case .pa: "PASession"
        case .emg: "EMGSession"
        case .eog: "EOGSession"
        case .resp: "RESPSession"
        case .pos: "POSSession"
        case .obj: "OBJSession"
        case .otherDICOM: "OtherDicomSession"
        }
    }

    /// The type whose root element has local name `elementName`.
    package init?(elementName: String) {
        guard let type = Self.allCases.first(where: { $0.elementName == elementName }) else { return nil }
        self = type
    }

    /// Whether the schema gives this type the MR session elements `coil` and `fieldStrength`.
    var hasMRElements: Bool { self == .mr || self == .petMR }

    /// Whether the schema gives this type the PET `tracer` element.
    var hasTracer: Bool { self == .pet || self == .petMR }
}
