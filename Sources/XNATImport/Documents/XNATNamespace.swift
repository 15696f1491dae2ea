/// The XML namespaces of XNAT documents and the declarations XNAT puts on every document's root.
enum XNATNamespace {
    /// `xnat:`, the image session, scan and resource types.
    static let xnat = "http://nrg.wustl.edu/xnat"
    /// `cat:`, resource catalogs.
    static let catalog = "http://nrg.wustl.edu/catalog"
    /// `xsi:`, for `xsi:type`.
    static let schemaInstance = "http://www.w3.org/2001/XMLSchema-instance"

    /// The `xmlns:` declarations of a root element, as XNAT 1.8 writes them on session XML and catalogs alike.
    ///
    /// Generated beans declare every namespace of the installed schemas on the root, whatever the document uses
    /// (`scan_4_catalog.xml` in xnat-web's test resources has these eleven); attribute order sorts them.
    static let rootDeclarations: [(name: String, value: String)] = [
        ("xmlns:arc", "http://nrg.wustl.edu/arc"),
        ("xmlns:cat", catalog),
        ("xmlns:pipe", "http://nrg.wustl.edu/pipe"),
        ("xmlns:prov", "http://www.nbirn.net/prov"),
        ("xmlns:scr", "http://nrg.wustl.edu/scr"),
        ("xmlns:val", "http://nrg.wustl.edu/val"),
        ("xmlns:wrk", "http://nrg.wustl.edu/workflow"),
        ("xmlns:xdat", "http://nrg.wustl.edu/security"),
        ("xmlns:xnat", xnat),
        ("xmlns:xnat_a", "http://nrg.wustl.edu/xnat_assessments"),
        ("xmlns:xsi", schemaInstance),
    ]
}
