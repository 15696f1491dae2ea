/// Logger metadata keys used by this target.
enum LogMetadataKey {
    static let version = "sluice.version"
    static let dataDirectory = "storage.data_dir"
    static let schemaVersion = "database.schema_version"
    static let login = "auth.login"
}
