import Foundation

extension SessionDocument {
    /// Reads a session document written by XNAT or Sluice (see ``XMLDocumentReader`` for the safety rules).
    ///
    /// Elements are matched by namespace URI and local name, in any order; elements Sluice does not model are
    /// skipped, and an empty `ID` reads as `nil`. The root must be one of ``ImageSessionDataType``'s elements,
    /// and scans and resources must have a known `xsi:type`.
    package init(xml data: Data) throws(XMLDocumentError) {
        let root = try XMLDocumentReader.read(data)
        guard root.namespace == XNATNamespace.xnat, let dataType = ImageSessionDataType(elementName: root.name) else {
            throw XMLDocumentError(.unexpectedRoot(namespace: root.namespace, name: root.name))
        }
        self.init(dataType: dataType)
        try read(root)
    }

    /// Reads a session document from text; see ``init(xml:)-(Data)``.
    package init(xml text: String) throws(XMLDocumentError) {
        try self.init(xml: Data(text.utf8))
    }

    private mutating func read(_ root: ParsedElement) throws(XMLDocumentError) {
        let xnat = XNATNamespace.xnat
        id = root.attributes["ID"].flatMap { $0.isEmpty ? nil : $0 }
        project = root.attributes["project"]
        label = root.attributes["label"]
        visitID = root.attributes["visit_id"]
        visit = root.attributes["visit"]
        protocolName = root.attributes["protocol"]
        uid = root.attributes["UID"]
        sessionType = root.attributes["session_type"]
        modality = root.attributes["modality"]
        studyID = root.attributes["study_id"]

        date = root.text(of: "date", in: xnat)
        time = root.text(of: "time", in: xnat)
        note = root.text(of: "note", in: xnat)
        resources = try (root.child("resources", in: xnat)?.children("resource", in: xnat) ?? []).map(Resource.init)
        fields = (root.child("fields", in: xnat)?.children("field", in: xnat) ?? []).map {
            Field(name: $0.attributes["name"] ?? "", value: $0.text)
        }
        acquisitionSite = root.text(of: "acquisition_site", in: xnat)
        subjectID = root.text(of: "subject_ID", in: xnat)

        scanner = root.child("scanner", in: xnat).map(Scanner.init)
        operatorName = root.text(of: "operator", in: xnat)
        prearchivePath = root.text(of: "prearchivePath", in: xnat)
        scans = try (root.child("scans", in: xnat)?.children("scan", in: xnat) ?? []).map(Scan.init)
        dicomAccessionNumber = root.text(of: "dcmAccessionNumber", in: xnat)
        dicomPatientID = root.text(of: "dcmPatientId", in: xnat)
        dicomPatientName = root.text(of: "dcmPatientName", in: xnat)
        dicomPatientBirthDate = root.text(of: "dcmPatientBirthDate", in: xnat)
        dicomPatientWeight = root.text(of: "dcmPatientWeight", in: xnat)

        if dataType.hasMRElements {
            coil = root.text(of: "coil", in: xnat)
            fieldStrength = root.text(of: "fieldStrength", in: xnat)
        }
        if dataType.hasTracer {
            tracerName = root.child("tracer", in: xnat)?.attributes["name"]
        }
    }
}

extension SessionDocument.Scanner {
    fileprivate init(_ element: ParsedElement) {
        self.init(
            name: element.text.isEmpty ? nil : element.text,
            manufacturer: element.attributes["manufacturer"],
            model: element.attributes["model"],
            softwareVersion: element.attributes["softwareVersion"]
        )
    }
}

extension SessionDocument.Resource {
    fileprivate init(_ element: ParsedElement) throws(XMLDocumentError) {
        let typeName = element.schemaTypeName(prefix: "xnat", namespace: XNATNamespace.xnat)
        guard let typeName, let kind = SessionDocument.ResourceKind(rawValue: typeName) else {
            throw XMLDocumentError(.unsupportedType(element: element.name, type: typeName ?? "(none)"))
        }
        guard let uri = element.attributes["URI"] else {
            throw XMLDocumentError(.missingAttribute(element: element.name, attribute: "URI"))
        }
        self.init(
            kind: kind,
            label: element.attributes["label"],
            uri: uri,
            format: element.attributes["format"],
            content: element.attributes["content"],
            fileCount: try element.integer("file_count"),
            fileSize: try element.integer("file_size", as: Int64.self)
        )
        description = element.attributes["description"]
        note = element.text(of: "note", in: XNATNamespace.xnat)
    }
}

extension SessionDocument.Scan {
    fileprivate init(_ element: ParsedElement) throws(XMLDocumentError) {
        let xnat = XNATNamespace.xnat
        let dataType: ImageScanDataType
        if let typeName = element.schemaTypeName(prefix: "xnat", namespace: xnat) {
            guard let known = ImageScanDataType(rawValue: typeName) else {
                throw XMLDocumentError(.unsupportedType(element: "scan", type: typeName))
            }
            dataType = known
        } else {
            dataType = .imageScan
        }
        guard let id = element.attributes["ID"] else {
            throw XMLDocumentError(.missingAttribute(element: "scan", attribute: "ID"))
        }
        self.init(id: id, dataType: dataType, uid: element.attributes["UID"])
        type = element.attributes["type"]
        project = element.attributes["project"]
        imageSessionID = element.text(of: "image_session_ID", in: xnat)
        note = element.text(of: "note", in: xnat)
        quality = element.text(of: "quality", in: xnat)
        condition = element.text(of: "condition", in: xnat)
        seriesDescription = element.text(of: "series_description", in: xnat)
        seriesClass = element.text(of: "series_class", in: xnat)
        documentation = element.text(of: "documentation", in: xnat)
        scanner = element.child("scanner", in: xnat).map(SessionDocument.Scanner.init)
        modality = element.text(of: "modality", in: xnat)
        frames = try element.text(of: "frames", in: xnat).map { (text) throws(XMLDocumentError) in
            try ParsedElement.integer(text, as: Int.self, element: "scan/frames")
        }
        operatorName = element.text(of: "operator", in: xnat)
        resources = try element.children("file", in: xnat).map(SessionDocument.Resource.init)
        startTime = element.text(of: "startTime", in: xnat)
        startDate = element.text(of: "start_date", in: xnat)
        requestedProcedureDescription = element.text(of: "requestedProcedureDescription", in: xnat)
        protocolName = element.text(of: "protocolName", in: xnat)
        bodyPartExamined = element.text(of: "bodyPartExamined", in: xnat)
        if dataType == .mr {
            coil = element.text(of: "coil", in: xnat)
            fieldStrength = element.text(of: "fieldStrength", in: xnat)
            parameters = element.child("parameters", in: xnat).map(SessionDocument.MRParameters.init)
        }
    }
}

extension SessionDocument.MRParameters {
    fileprivate init(_ element: ParsedElement) {
        let xnat = XNATNamespace.xnat
        self.init()
        voxelResolution = element.child("voxelRes", in: xnat).map(VoxelResolution.init)
        orientation = element.text(of: "orientation", in: xnat)
        fieldOfViewX = element.child("fov", in: xnat)?.attributes["x"]
        fieldOfViewY = element.child("fov", in: xnat)?.attributes["y"]
        repetitionTime = element.text(of: "tr", in: xnat)
        echoTime = element.text(of: "te", in: xnat)
        inversionTime = element.text(of: "ti", in: xnat)
        flipAngle = element.text(of: "flip", in: xnat)
        sequence = element.text(of: "sequence", in: xnat)
        imageType = element.text(of: "imageType", in: xnat)
        scanSequence = element.text(of: "scanSequence", in: xnat)
        sequenceVariant = element.text(of: "seqVariant", in: xnat)
        scanOptions = element.text(of: "scanOptions", in: xnat)
        acquisitionType = element.text(of: "acqType", in: xnat)
        pixelBandwidth = element.text(of: "pixelBandwidth", in: xnat)
    }
}

extension SessionDocument.Scan {
    /// Reads a scan document on its own (the XML of a scan XAR, `xnat-import-spec.md` §8): root element `MRScan`,
    /// `OtherDicomScan`, … (``ImageScanDataType/elementName``), with `image_session_ID` naming its session.
    package init(standaloneXML data: Data) throws(XMLDocumentError) {
        let root = try XMLDocumentReader.read(data)
        guard root.namespace == XNATNamespace.xnat, let dataType = ImageScanDataType(elementName: root.name) else {
            throw XMLDocumentError(.unexpectedRoot(namespace: root.namespace, name: root.name))
        }
        try self.init(root)
        if root.schemaTypeName(prefix: "xnat", namespace: XNATNamespace.xnat) == nil { self.dataType = dataType }
    }
}
