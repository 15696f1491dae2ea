/// A `voxelRes` element: the voxel size along each axis, as decimal text (scan parameters and DICOM catalogs).
package struct VoxelResolution: Sendable, Equatable {
    /// `@x`.
    package var x: String?
    /// `@y`.
    package var y: String?
    /// `@z`.
    package var z: String?
    /// `@units`, such as `mm`.
    package var units: String?

    /// Creates a voxel resolution.
    package init(x: String? = nil, y: String? = nil, z: String? = nil, units: String? = nil) {
        self.x = x
        self.y = y
        self.z = z
        self.units = units
    }

    /// The `voxelRes` element named `name` (`xnat:voxelRes` or `cat:voxelRes`).
    func element(named name: String) -> XNATElement {
        var element = XNATElement(name: name)
        element.attribute("x", x)
        element.attribute("y", y)
        element.attribute("z", z)
        element.attribute("units", units)
        return element
    }

    /// Reads a `voxelRes` element.
    init(_ element: ParsedElement) {
        self.init(
            x: element.attributes["x"],
            y: element.attributes["y"],
            z: element.attributes["z"],
            units: element.attributes["units"]
        )
    }
}
