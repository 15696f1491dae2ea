import SQLiteNIO
import XNATImport

// DICOM receivers (`dicom_receivers`, migration 0009). Each method is a single statement.
extension SQLiteMetadataStore {
    private static let receiverColumns = """
        id, ae_title, port, enabled, custom_processing, direct_archive, anonymization_enabled, whitelist_enabled,
        whitelist, routing_expressions_enabled, project_routing_expression, subject_routing_expression,
        session_routing_expression, default_project
        """

    /// Every receiver, by ID.
    package func dicomReceivers() async throws -> [DICOMReceiverDefinition] {
        let rows = try await connection.query("SELECT \(Self.receiverColumns) FROM dicom_receivers ORDER BY id", [])
        return try rows.map(Self.receiver)
    }

    /// The receiver with this ID, or `nil`.
    package func dicomReceiver(id: Int) async throws -> DICOMReceiverDefinition? {
        let rows = try await connection.query(
            "SELECT \(Self.receiverColumns) FROM dicom_receivers WHERE id = ?",
            [.integer(id)]
        )
        return try rows.first.map(Self.receiver)
    }

    /// Adds a receiver; returns it with its new ID.
    package func insertDICOMReceiver(_ receiver: DICOMReceiverDefinition) async throws -> DICOMReceiverDefinition {
        let rows = try await connection.query(
            """
            INSERT INTO dicom_receivers (ae_title, port, enabled, custom_processing, direct_archive,
                anonymization_enabled, whitelist_enabled, whitelist, routing_expressions_enabled,
                project_routing_expression, subject_routing_expression, session_routing_expression, default_project)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            Self.values(receiver)
        )
        var created = receiver
        created.id = try rows.first?.integer("id") ?? 0
        return created
    }

    /// Replaces receiver `receiver.id`; `false` if there is none.
    package func updateDICOMReceiver(_ receiver: DICOMReceiverDefinition) async throws -> Bool {
        let rows = try await connection.query(
            """
            UPDATE dicom_receivers SET ae_title = ?, port = ?, enabled = ?, custom_processing = ?,
                direct_archive = ?, anonymization_enabled = ?, whitelist_enabled = ?, whitelist = ?,
                routing_expressions_enabled = ?, project_routing_expression = ?, subject_routing_expression = ?,
                session_routing_expression = ?, default_project = ?
            WHERE id = ? RETURNING id
            """,
            Self.values(receiver) + [.integer(receiver.id)]
        )
        return !rows.isEmpty
    }

    /// Removes receiver `id`; `false` if there was none.
    package func deleteDICOMReceiver(id: Int) async throws -> Bool {
        let rows = try await connection.query("DELETE FROM dicom_receivers WHERE id = ? RETURNING id", [.integer(id)])
        return !rows.isEmpty
    }

    private static func values(_ receiver: DICOMReceiverDefinition) -> [SQLiteData] {
        func flag(_ value: Bool) -> SQLiteData { .integer(value ? 1 : 0) }
        return [
            .text(receiver.aeTitle), .integer(receiver.port), flag(receiver.enabled), flag(receiver.customProcessing),
            flag(receiver.directArchive), flag(receiver.anonymizationEnabled), flag(receiver.whitelistEnabled),
            .text(receiver.whitelist.joined(separator: "\n")), flag(receiver.routingExpressionsEnabled),
            .text(receiver.projectRoutingExpression), .text(receiver.subjectRoutingExpression),
            .text(receiver.sessionRoutingExpression), .text(receiver.defaultProject),
        ]
    }

    private static func receiver(_ row: SQLiteRow) throws -> DICOMReceiverDefinition {
        var receiver = DICOMReceiverDefinition(
            id: try row.integer("id"),
            aeTitle: try row.text("ae_title"),
            port: try row.integer("port"),
            enabled: try row.integer("enabled") != 0
        )
        receiver.customProcessing = try row.integer("custom_processing") != 0
        receiver.directArchive = try row.integer("direct_archive") != 0
        receiver.anonymizationEnabled = try row.integer("anonymization_enabled") != 0
        receiver.whitelistEnabled = try row.integer("whitelist_enabled") != 0
        receiver.whitelist = try row.text("whitelist").split(separator: "\n").map(String.init)
        receiver.routingExpressionsEnabled = try row.integer("routing_expressions_enabled") != 0
        receiver.projectRoutingExpression = try row.text("project_routing_expression")
        receiver.subjectRoutingExpression = try row.text("subject_routing_expression")
        receiver.sessionRoutingExpression = try row.text("session_routing_expression")
        receiver.defaultProject = try row.text("default_project")
        return receiver
    }
}
