/// The URL spellings XNAT accepts for one resource (`xnat-clients.md` §1.1).
///
/// Everything under `/data` is also under `/REST` (old clients, the upload applet), and archive resources are also
/// under `/data/archive` and `/REST/archive` (xnatpy lists `/data/archive/projects`; the applet reads
/// `/data/archive/projects/P/prearchive_code`).
enum XNATPath {
    /// `/data` and `/REST` followed by `path`, for example `/data/JSESSION` and `/REST/JSESSION`.
    static func service(_ path: String) -> [String] {
        ["/data" + path, "/REST" + path]
    }

    /// ``service(_:)`` plus the `/archive` spellings, for resources in the archive such as projects.
    static func archive(_ path: String) -> [String] {
        ["/data" + path, "/data/archive" + path, "/REST" + path, "/REST/archive" + path]
    }
}
