import Foundation
import XNATImport

/// One numbered schema change, read from `Migrations/NNNN_name.sql`.
package struct Migration: Sendable, Equatable {
    /// The number in the file name; migrations apply in increasing order.
    package var version: Int
    /// The rest of the file name, for example `initial`.
    package var name: String
    /// The SQL text; statements end with `;`.
    package var sql: String

    /// Creates a migration from its parts (tests use this; Sluice reads ``bundled()``).
    package init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// The migrations shipped with Sluice, in version order.
    package static func bundled() throws -> [Migration] {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw MetadataStoreError(.migrationsUnreadable, message: "The Migrations resource folder is missing")
        }
        return try load(from: folder)
    }

    /// Reads every `NNNN_name.sql` file in a folder, in version order; versions must be unique and positive.
    package static func load(from folder: URL) throws -> [Migration] {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        } catch {
            throw MetadataStoreError(.migrationsUnreadable, message: "Cannot list \(folder.path)", underlying: error)
        }
        var migrations: [Migration] = []
        for file in files where file.pathExtension == "sql" {
            let stem = file.deletingPathExtension().lastPathComponent
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 4, let version = Int(parts[0]), version > 0 else {
                throw MetadataStoreError(
                    .migrationsUnreadable,
                    message: "Badly named migration \(file.lastPathComponent)"
                )
            }
            let sql: String
            do {
                sql = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw MetadataStoreError(.migrationsUnreadable, message: "Cannot read \(file.path)", underlying: error)
            }
            migrations.append(Migration(version: version, name: String(parts[1]), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw MetadataStoreError(.migrationsUnreadable, message: "Two migrations numbered \(next.version)")
        }
        return migrations
    }
}
