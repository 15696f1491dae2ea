/// The index of what Sluice holds, kept in a database beside the files.
///
/// `SQLiteMetadataStore` (target MetadataDatabase) is the implementation; later issues add prearchive and archive
/// records here. A store is opened by its implementation and must be closed with ``close()`` exactly once.
package protocol MetadataStore: Sendable {
    /// The number of the last migration applied to the database (0 for an empty database).
    func schemaVersion() async throws -> Int

    /// The XNAT site ID this server reports (default `SLUICE`).
    func siteID() async throws -> String

    /// Releases the database; no other method may be called afterwards.
    func close() async throws
}
