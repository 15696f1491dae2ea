import DICOM

extension SessionBuilder {
    /// A scan of the document (`xnat-import-spec.md` §5.3), without its resources.
    ///
    /// The fields come from the primary files when there are any, from all the series' files otherwise: an RT
    /// structure set filed in an MR series says nothing about the MR images (it would only make the fields
    /// disagree and be left empty). The type comes from all the series' SOP classes.
    static func scan(
        id: String,
        series: SeriesSummary,
        primaryFiles: [SessionFile],
        allFiles: [SessionFile],
        warnings: inout [String]
    ) -> SessionDocument.Scan {
        let kind = ScanKind.classify(sopClassUIDs: series.sopClassUIDs)
        let dataType: ImageScanDataType
        let scope = "scan \(id)"
        if let known = kind.dataType {
            dataType = known
        } else {
            dataType = .otherDICOM
            warnings.append("\(scope): the type \(kind.rawValue) is not supported; written as \(dataType.rawValue)")
        }
        let headers = (primaryFiles.isEmpty ? allFiles : primaryFiles).map(\.header)
        let (values, conflicts) = ScanField.values(in: headers)
        for field in ScanField.allCases {
            if let disagreeing = conflicts[field] {
                warnings.append(conflict(field.rawValue, of: scope, values: disagreeing.sorted()))
            }
        }
        var scan = SessionDocument.Scan(
            id: id,
            dataType: dataType,
            uid: series.seriesInstanceUID.isEmpty ? nil : series.seriesInstanceUID,
            seriesDescription: values[.seriesDescription]
        )
        scan.modality = values[.modality]
        let scanner = SessionDocument.Scanner(
            name: values[.scanner],
            manufacturer: values[.scannerManufacturer],
            model: values[.scannerModel]
        )
        scan.scanner = scanner == SessionDocument.Scanner() ? nil : scanner
        scan.frames = primaryFiles.isEmpty ? nil : ScanField.frames(inPrimaryFiles: primaryFiles.map(\.header))
        scan.startTime = values[.startTime]
        scan.startDate = values[.startDate]
        scan.requestedProcedureDescription = values[.requestedProcedureDescription]
        scan.protocolName = values[.protocolName]
        scan.bodyPartExamined = values[.bodyPartExamined]
        if dataType == .mr {
            addMRFields(to: &scan, from: headers, scope: scope, warnings: &warnings)
        }
        return scan
    }

    /// The MR scan elements: `coil`, `fieldStrength` and the acquisition `parameters`.
    private static func addMRFields(
        to scan: inout SessionDocument.Scan,
        from headers: [DataSet],
        scope: String,
        warnings: inout [String]
    ) {
        func value(_ field: String, _ tag: Tag) -> String? {
            single(field, of: scope, tag, in: headers, warnings: &warnings)
        }
        scan.coil = value("coil", .receiveCoilName)
        scan.fieldStrength = value("fieldStrength", .magneticFieldStrength)
        var parameters = SessionDocument.MRParameters()
        parameters.voxelResolution = voxelResolution(of: headers)
        parameters.orientation = orientation(of: headers)
        parameters.repetitionTime = value("parameters/tr", .repetitionTime)
        parameters.echoTime = value("parameters/te", .echoTime)
        parameters.inversionTime = value("parameters/ti", .inversionTime)
        parameters.flipAngle = value("parameters/flip", .flipAngle)
        parameters.sequence = value("parameters/sequence", .sequenceName)
        parameters.imageType = value("parameters/imageType", .imageType)
        parameters.scanSequence = value("parameters/scanSequence", .scanningSequence)
        parameters.sequenceVariant = value("parameters/seqVariant", .sequenceVariant)
        parameters.scanOptions = value("parameters/scanOptions", .scanOptions)
        parameters.acquisitionType = value("parameters/acqType", .mrAcquisitionType)
        parameters.pixelBandwidth = value("parameters/pixelBandwidth", .pixelBandwidth)
        scan.parameters = parameters == SessionDocument.MRParameters() ? nil : parameters
    }

    /// The voxel size the files agree on: `x` the column spacing and `y` the row spacing from PixelSpacing
    /// (0028,0030), `z` the SliceThickness (0018,0050), as written.
    static func voxelResolution(of headers: [DataSet]) -> VoxelResolution? {
        let key = single(headers) { header -> String? in
            let spacing = (header.strings(.pixelSpacing) ?? []).map { $0.trimmingASCIIWhitespace() }
            let thickness = text(header, .sliceThickness) ?? ""
            guard spacing.count == 2 || !thickness.isEmpty else { return nil }
            let row = spacing.count == 2 ? spacing[0] : ""
            let column = spacing.count == 2 ? spacing[1] : ""
            return [column, row, thickness].joined(separator: "\\")
        }
        guard let parts = key?.split(separator: "\\", omittingEmptySubsequences: false).map(String.init),
            parts.count == 3
        else { return nil }
        func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
        return VoxelResolution(x: nonEmpty(parts[0]), y: nonEmpty(parts[1]), z: nonEmpty(parts[2]))
    }

    /// `Tra`, `Sag` or `Cor`: the body axis closest to the slice normal of ImageOrientationPatient
    /// (0020,0037), when the files agree.
    static func orientation(of headers: [DataSet]) -> String? {
        single(headers) { header -> String? in
            guard let cosines = header.doubles(.imageOrientationPatient), cosines.count == 6 else { return nil }
            let normal = [
                cosines[1] * cosines[5] - cosines[2] * cosines[4],
                cosines[2] * cosines[3] - cosines[0] * cosines[5],
                cosines[0] * cosines[4] - cosines[1] * cosines[3],
            ].map(abs)
            guard let largest = normal.max(), largest > 0 else { return nil }
            if normal[2] == largest { return "Tra" }
            return normal[0] == largest ? "Sag" : "Cor"
        }
    }
}
