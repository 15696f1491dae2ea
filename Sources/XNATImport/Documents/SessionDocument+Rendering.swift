import Foundation

extension SessionDocument {
    /// The document as XNAT writes it: UTF-8 declared, XNAT's namespace declarations on the root, elements in
    /// `xnat.xsd` sequence order (experiment, then subject assessor, image session, and type-specific elements),
    /// attributes sorted as beans sort them, empty optional elements left out, and `ID=""` while unarchived.
    package func xml(indentation: XMLIndentation = .nested) -> String {
        rootElement().document(indentation: indentation)
    }

    /// ``xml(indentation:)`` encoded as UTF-8, ready to write to `<FOLDER>.xml`.
    package func xmlData(indentation: XMLIndentation = .nested) -> Data {
        Data(xml(indentation: indentation).utf8)
    }

    private func rootElement() -> XNATElement {
        var root = XNATElement(name: "xnat:" + dataType.elementName)
        // experimentData: ID is required, so beans write it empty until the session is archived.
        root.attributes.append(("ID", id ?? ""))
        root.attribute("project", project)
        root.attribute("visit_id", visitID)
        root.attribute("visit", visit)
        root.attribute("protocol", protocolName)
        root.attribute("label", label)
        // imageSessionData
        root.attribute("session_type", sessionType)
        root.attribute("modality", modality)
        root.attribute("UID", uid)
        root.attribute("study_id", studyID)

        // experimentData: sharing, date, time, duration, delay, note, investigator, validation, resources,
        // fields, acquisition_site
        root.leaf("xnat:date", date)
        root.leaf("xnat:time", time)
        root.leaf("xnat:note", note)
        root.container("xnat:resources", resources.map { $0.element(named: "xnat:resource") })
        root.container("xnat:fields", fields.map(\.element))
        root.leaf("xnat:acquisition_site", acquisitionSite)
        // subjectAssessorData: subject_ID
        root.leaf("xnat:subject_ID", subjectID)
        // imageSessionData: regions, scanner, operator, prearchivePath, scans, reconstructions, assessors,
        // dcmAccessionNumber, dcmPatientId, dcmPatientName, dcmPatientBirthDate, dcmPatientWeight
        if let scanner {
            root.child(scanner.element(includingSoftwareVersion: false))
        }
        root.leaf("xnat:operator", operatorName)
        root.leaf("xnat:prearchivePath", prearchivePath)
        root.container("xnat:scans", scans.map(\.element))
        root.leaf("xnat:dcmAccessionNumber", dicomAccessionNumber)
        root.leaf("xnat:dcmPatientId", dicomPatientID)
        root.leaf("xnat:dcmPatientName", dicomPatientName)
        root.leaf("xnat:dcmPatientBirthDate", dicomPatientBirthDate)
        root.leaf("xnat:dcmPatientWeight", dicomPatientWeight)
        // mrSessionData / petmrSessionData: coil, fieldStrength, …; petSessionData / petmrSessionData: …, tracer
        if dataType.hasMRElements {
            root.leaf("xnat:coil", coil)
            root.leaf("xnat:fieldStrength", fieldStrength)
        }
        if dataType.hasTracer, let tracerName {
            var tracer = XNATElement(name: "xnat:tracer")
            tracer.attribute("name", tracerName)
            root.child(tracer)
        }
        return root
    }
}

extension SessionDocument.Field {
    fileprivate var element: XNATElement {
        var element = XNATElement(name: "xnat:field", text: value)
        element.attribute("name", name)
        return element
    }
}

extension SessionDocument.Scanner {
    fileprivate func element(includingSoftwareVersion: Bool) -> XNATElement {
        var element = XNATElement(name: "xnat:scanner", text: name)
        element.attribute("manufacturer", manufacturer)
        element.attribute("model", model)
        if includingSoftwareVersion {
            element.attribute("softwareVersion", softwareVersion)
        }
        return element
    }
}

extension SessionDocument.Resource {
    fileprivate func element(named name: String) -> XNATElement {
        var element = XNATElement(name: name, schemaType: kind.rawValue)
        element.attribute("label", label)
        element.attribute("URI", uri)
        element.attribute("format", format)
        element.attribute("content", content)
        element.attribute("description", description)
        element.attribute("file_count", fileCount.map(String.init))
        element.attribute("file_size", fileSize.map(String.init))
        element.leaf("xnat:note", note)
        return element
    }
}

extension SessionDocument.Scan {
    fileprivate var element: XNATElement {
        var element = XNATElement(name: "xnat:scan", schemaType: dataType == .imageScan ? nil : dataType.rawValue)
        element.attributes.append(("ID", id))
        element.attribute("type", type)
        element.attribute("UID", uid)
        element.attribute("project", project)
        // imageScanData: sharing, image_session_ID, note, quality, condition, series_description, series_class,
        // documentation, scanner, modality, frames, operator, file, validation, startTime, start_date,
        // requestedProcedureDescription, protocolName, bodyPartExamined
        element.leaf("xnat:image_session_ID", imageSessionID)
        element.leaf("xnat:note", note)
        element.leaf("xnat:quality", quality)
        element.leaf("xnat:condition", condition)
        element.leaf("xnat:series_description", seriesDescription)
        element.leaf("xnat:series_class", seriesClass)
        element.leaf("xnat:documentation", documentation)
        if let scanner {
            element.child(scanner.element(includingSoftwareVersion: true))
        }
        element.leaf("xnat:modality", modality)
        element.leaf("xnat:frames", frames.map(String.init))
        element.leaf("xnat:operator", operatorName)
        element.children += resources.map { $0.element(named: "xnat:file") }
        element.leaf("xnat:startTime", startTime)
        element.leaf("xnat:start_date", startDate)
        element.leaf("xnat:requestedProcedureDescription", requestedProcedureDescription)
        element.leaf("xnat:protocolName", protocolName)
        element.leaf("xnat:bodyPartExamined", bodyPartExamined)
        // mrScanData: coil, fieldStrength, marker, stabilization, fileNameUUID, parameters, dcmValidation
        if dataType == .mr {
            element.leaf("xnat:coil", coil)
            element.leaf("xnat:fieldStrength", fieldStrength)
            if let parameters {
                element.child(parameters.element)
            }
        }
        return element
    }
}

extension SessionDocument.MRParameters {
    fileprivate var element: XNATElement {
        // mrScanData/parameters: voxelRes, orientation, subjectPosition, fov, matrix, partitions, tr, te, deltaTE,
        // ti, flip, sequence, origin, imageType, scanSequence, seqVariant, scanOptions, acqType, …, pixelBandwidth
        var element = XNATElement(name: "xnat:parameters")
        if let voxelResolution {
            element.child(voxelResolution.element(named: "xnat:voxelRes"))
        }
        element.leaf("xnat:orientation", orientation)
        var fieldOfView = XNATElement(name: "xnat:fov")
        fieldOfView.attribute("x", fieldOfViewX)
        fieldOfView.attribute("y", fieldOfViewY)
        element.child(fieldOfView)
        element.leaf("xnat:tr", repetitionTime)
        element.leaf("xnat:te", echoTime)
        element.leaf("xnat:ti", inversionTime)
        element.leaf("xnat:flip", flipAngle)
        element.leaf("xnat:sequence", sequence)
        element.leaf("xnat:imageType", imageType)
        element.leaf("xnat:scanSequence", scanSequence)
        element.leaf("xnat:seqVariant", sequenceVariant)
        element.leaf("xnat:scanOptions", scanOptions)
        element.leaf("xnat:acqType", acquisitionType)
        element.leaf("xnat:pixelBandwidth", pixelBandwidth)
        return element
    }
}
