import SQLiteNIO
import XNATImport

extension SQLiteRow {
    /// The text in `column`; a missing or non-text value means the schema is not what this Sluice expects.
    func text(_ column: String) throws -> String {
        guard let value = self.column(column)?.string else {
            throw Self.unusable(column)
        }
        return value
    }

    /// The integer in `column`; a missing or non-integer value means the schema is not what this Sluice expects.
    func integer(_ column: String) throws -> Int {
        guard let value = self.column(column)?.integer else {
            throw Self.unusable(column)
        }
        return value
    }

    /// The text in a nullable `column`: `nil` for NULL; a missing column or a non-text value is unusable.
    func optionalText(_ column: String) throws -> String? {
        guard let value = self.column(column) else { throw Self.unusable(column) }
        if value.isNull { return nil }
        guard case .text(let text) = value else { throw Self.unusable(column) }
        return text
    }

    /// The integer in a nullable `column`: `nil` for NULL; a missing column or a non-integer value is unusable.
    func optionalInteger(_ column: String) throws -> Int? {
        guard let value = self.column(column) else { throw Self.unusable(column) }
        if value.isNull { return nil }
        guard case .integer(let integer) = value else { throw Self.unusable(column) }
        return Int(integer)
    }

    private static func unusable(_ column: String) -> MetadataStoreError {
        MetadataStoreError(.unusable, message: "Column \(column) is missing or has the wrong type")
    }
}
