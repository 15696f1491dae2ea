import Foundation

extension CatalogDocument {
    /// The catalog as XNAT writes it: `cat:metaFields`, `cat:entries`, then (DICOM catalogs) `cat:dimensions`,
    /// `cat:voxelRes` and `cat:orientation`; attributes sorted as beans sort them, `xsi:type` last on each entry.
    package func xml(indentation: XMLIndentation = .nested) -> String {
        var root = XNATElement(name: "cat:" + kind.rawValue)
        root.attribute("ID", id)
        root.attribute("name", name)
        root.attribute("description", description)
        // catalog: metaFields, tags, sets, entries; dcmCatalog adds dimensions, voxelRes, orientation.
        root.container("cat:metaFields", metaFields.map(\.element))
        root.container("cat:entries", entries.map(\.element))
        if kind == .dicom {
            root.attribute("UID", uid)
            if let dimensions {
                var element = XNATElement(name: "cat:dimensions")
                element.attribute("x", dimensions.x.map(String.init))
                element.attribute("y", dimensions.y.map(String.init))
                element.attribute("z", dimensions.z.map(String.init))
                element.attribute("volumes", dimensions.volumes.map(String.init))
                root.child(element)
            }
            if let voxelResolution {
                root.child(voxelResolution.element(named: "cat:voxelRes"))
            }
            root.leaf("cat:orientation", orientation)
        }
        return root.document(indentation: indentation)
    }

    /// ``xml(indentation:)`` encoded as UTF-8, ready to write to the catalog file.
    package func xmlData(indentation: XMLIndentation = .nested) -> Data {
        Data(xml(indentation: indentation).utf8)
    }
}

extension CatalogDocument.MetaField {
    fileprivate var element: XNATElement {
        var element = XNATElement(name: "cat:metaField", text: value)
        element.attribute("name", name)
        return element
    }
}

extension CatalogDocument.Entry {
    fileprivate var element: XNATElement {
        var element = XNATElement(name: "cat:entry", schemaType: kind == .dicom ? kind.rawValue : nil)
        element.attributes.append(("URI", uri))
        element.attribute("ID", id)
        element.attribute("name", name)
        element.attribute("description", description)
        element.attribute("format", format)
        element.attribute("content", content)
        element.attribute("cachePath", cachePath)
        element.attribute("createdTime", createdTime)
        element.attribute("createdBy", createdBy)
        element.attribute("createdEventId", createdEventID)
        element.attribute("modifiedTime", modifiedTime)
        element.attribute("modifiedBy", modifiedBy)
        element.attribute("modifiedEventId", modifiedEventID)
        element.attribute("digest", digest)
        if kind == .dicom {
            element.attribute("UID", uid)
            element.attribute("instanceNumber", instanceNumber.map(String.init))
        }
        element.container("cat:metaFields", metaFields.map(\.element))
        return element
    }
}
