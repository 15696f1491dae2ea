import Foundation

extension CatalogDocument {
    /// Reads a catalog written by XNAT or Sluice (see ``XMLDocumentReader`` for the safety rules).
    ///
    /// The root must be `cat:DCMCatalog` or `cat:Catalog`; entries must be `cat:entry` or `cat:dcmEntry`.
    /// Elements Sluice does not model (tags, nested entry sets) are skipped.
    package init(xml data: Data) throws(XMLDocumentError) {
        let root = try XMLDocumentReader.read(data)
        let catalog = XNATNamespace.catalog
        guard root.namespace == catalog, let kind = Kind(rawValue: root.name) else {
            throw XMLDocumentError(.unexpectedRoot(namespace: root.namespace, name: root.name))
        }
        self.init(kind: kind)
        id = root.attributes["ID"]
        name = root.attributes["name"]
        description = root.attributes["description"]
        metaFields = Self.metaFields(of: root)
        entries = try (root.child("entries", in: catalog)?.children("entry", in: catalog) ?? []).map(Entry.init)
        if kind == .dicom {
            uid = root.attributes["UID"]
            dimensions = try root.child("dimensions", in: catalog).map { (element) throws(XMLDocumentError) in
                Dimensions(
                    x: try element.integer("x"),
                    y: try element.integer("y"),
                    z: try element.integer("z"),
                    volumes: try element.integer("volumes")
                )
            }
            voxelResolution = root.child("voxelRes", in: catalog).map(VoxelResolution.init)
            orientation = root.text(of: "orientation", in: catalog)
        }
    }

    /// Reads a catalog from text; see ``init(xml:)-(Data)``.
    package init(xml text: String) throws(XMLDocumentError) {
        try self.init(xml: Data(text.utf8))
    }

    fileprivate static func metaFields(of element: ParsedElement) -> [MetaField] {
        let catalog = XNATNamespace.catalog
        return (element.child("metaFields", in: catalog)?.children("metaField", in: catalog) ?? []).map {
            MetaField(name: $0.attributes["name"] ?? "", value: $0.text)
        }
    }
}

extension CatalogDocument.Entry {
    fileprivate init(_ element: ParsedElement) throws(XMLDocumentError) {
        let kind: Kind
        switch element.schemaTypeName(prefix: "cat", namespace: XNATNamespace.catalog) {
        case nil, Kind.plain.rawValue: kind = .plain
        case Kind.dicom.rawValue: kind = .dicom
        case let other?: throw XMLDocumentError(.unsupportedType(element: "entry", type: other))
        }
        guard let uri = element.attributes["URI"] else {
            throw XMLDocumentError(.missingAttribute(element: "entry", attribute: "URI"))
        }
        self.init(kind: kind, uri: uri, digest: element.attributes["digest"])
        id = element.attributes["ID"]
        name = element.attributes["name"]
        description = element.attributes["description"]
        format = element.attributes["format"]
        content = element.attributes["content"]
        cachePath = element.attributes["cachePath"]
        createdTime = element.attributes["createdTime"]
        createdBy = element.attributes["createdBy"]
        createdEventID = element.attributes["createdEventId"]
        modifiedTime = element.attributes["modifiedTime"]
        modifiedBy = element.attributes["modifiedBy"]
        modifiedEventID = element.attributes["modifiedEventId"]
        if kind == .dicom {
            uid = element.attributes["UID"]
            instanceNumber = try element.integer("instanceNumber")
        }
        metaFields = CatalogDocument.metaFields(of: element)
    }
}
