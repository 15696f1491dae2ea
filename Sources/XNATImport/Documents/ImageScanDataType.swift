/// The XNAT data type (`xsi:type`) of a scan inside a session document.
///
/// Raw values are the scan types of XNAT 1.8's `xnat.xsd`; the builder maps each series' SOP classes to one
/// (`xnat-import-spec.md` §5.3), falling back to `otherDICOM`. `imageScan` is the abstract base type: a scan
/// element without `xsi:type` has it, and it is written without one. The types from `dms` to `obj` come from the
/// newer dicom-xnat schema the spec read (official 1.8 installs may lack them).
package enum ImageScanDataType: String, Sendable, CaseIterable {
    /// The abstract base type; written without `xsi:type`.
    case imageScan = "xnat:imageScanData"
    /// Magnetic resonance scan.
    case mr = "xnat:mrScanData"
    /// Positron emission tomography scan.
    case pet = "xnat:petScanData"
    /// Computed tomography scan.
    case ct = "xnat:ctScanData"
    /// X-ray angiography scan.
    case xa = "xnat:xaScanData"
    /// 3D X-ray angiography scan.
    case xa3D = "xnat:xa3DScanData"
    /// Ultrasound scan.
    case us = "xnat:usScanData"
    /// Radiotherapy image scan.
    case rtImage = "xnat:rtImageScanData"
    /// Computed radiography scan.
    case cr = "xnat:crScanData"
    /// Ophthalmic tomography scan.
    case opt = "xnat:optScanData"
    /// Ophthalmic photography scan.
    case op = "xnat:opScanData"
    /// Mammography scan.
    case mg = "xnat:mgScanData"
    /// Digital radiography scan.
    case dx = "xnat:dxScanData"
    /// 3D craniofacial radiography scan.
    case dx3DCraniofacial = "xnat:dx3DCraniofacialScanData"
    /// Nuclear medicine scan.
    case nm = "xnat:nmScanData"
    /// Structured report scan.
    case sr = "xnat:srScanData"
    /// Slide microscopy scan.
    case sm = "xnat:smScanData"
    /// General microscopy scan.
    case gm = "xnat:gmScanData"
    /// General microscopy video scan.
    case gmv = "xnat:gmvScanData"
    /// Radiofluoroscopy scan.
    case rf = "xnat:rfScanData"
    /// Endoscopy scan.
    case es = "xnat:esScanData"
    /// Endoscopy video scan.
    case esv = "xnat:esvScanData"
    /// External-camera photography scan.
    case xc = "xnat:xcScanData"
    /// External-camera video scan.
    case xcv = "xnat:xcvScanData"
    /// Radiographic imaging scan.
    case rg = "xnat:rgScanData"
    /// Intra-oral radiography scan.
    case io = "xnat:ioScanData"
    /// Hemodynamic waveform scan.
    case hd = "xnat:hdScanData"
    /// Cardiac electrophysiology scan.
    case eps = "xnat:epsScanData"
    /// Electrocardiography scan.
    case ecg = "xnat:ecgScanData"
    /// Electroencephalography scan.
    case eeg = "xnat:eegScanData"
    /// Magnetoencephalography scan.
    case meg = "xnat:megScanData"
    /// MR spectroscopy scan.
    case mrs = "xnat:mrsScanData"
    /// Secondary capture scan.
    case sc = "xnat:scScanData"
    /// Segmentation scan.
    case segmentation = "xnat:segScanData"
    /// Voice audio scan.
    case voiceAudio = "xnat:voiceAudioScanData"
    /// Dermoscopy scan (the newer dicom-xnat schema only).
    case dms = "xnat:dmsScanData"
    /// Confocal microscopy scan (the newer dicom-xnat schema only).
    case cfm = "xnat:cfmScanData"
    /// Photoacoustic imaging scan (the newer dicom-xnat schema only).
    case pa = "xnat:paScanData"
    /// Annotation scan (the newer dicom-xnat schema only).
    case ann = "xnat:annScanData"
    /// Electromyography scan (the newer dicom-xnat schema only).
    case emg = "xnat:emgScanData"
    /// Electrooculography scan (the newer dicom-xnat schema only).
    case eog = "xnat:eogScanData"
    /// Respiratory waveform scan (the newer dicom-xnat schema only).
    case resp = "xnat:respScanData"
    /// Position sensor scan (the newer dicom-xnat schema only).
    case pos = "xnat:posScanData"
    /// MTL scan (the newer dicom-xnat schema only).
    case mtl = "xnat:mtlScanData"
    /// 3D object scan (the newer dicom-xnat schema only).
    case obj = "xnat:objScanData"
    /// Any other DICOM scan.
    case otherDICOM = "xnat:otherDicomScanData"
}

extension ImageScanDataType {
    /// The root element a scan document of this type has on its own (a scan XAR): `MRScan` for `xnat:mrScanData`,
    /// named like the session type of the same modality (`MRSession` → `MRScan`), else the modality in capitals.
    package var elementName: String {
        let stem = rawValue.dropFirst("xnat:".count).dropLast("ScanData".count)
        if let session = ImageSessionDataType(rawValue: "xnat:\(stem)SessionData") {
            return session.elementName.dropLast("Session".count) + "Scan"
        }
        return stem.uppercased() + "Scan"
    }

    /// The type whose stand-alone root element has local name `elementName`.
    package init?(elementName: String) {
        guard let type = Self.allCases.first(where: { $0.elementName == elementName }) else { return nil }
        self = type
    }
}
