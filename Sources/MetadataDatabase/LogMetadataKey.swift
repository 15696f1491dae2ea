/// Logger metadata keys used by this target.
enum LogMetadataKey {
    static let databasePath = "database.path"
    static let schemaVersion = "database.schema_version"
    static let migrationVersion = "migration.version"
    static let migrationName = "migration.name"
}
